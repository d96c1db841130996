import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** How many leading bytes the text checks look at. */
const TEXT_PROBE = 8192;

/**
 * The type of a file from its bytes, never from its name or the client's claim: binary formats by
 * their signatures (file-type, which also opens zip containers to tell DOCX from XLSX), and for
 * the rest — text — whether a browser would treat it as HTML, SVG or XML (`text/html`,
 * `image/svg+xml`, `application/xml`), else `text/plain`; bytes that are not UTF-8 text are
 * `application/octet-stream`.
 */
export async function sniffContentType(path: string): Promise<string> {
  const found = await fileTypeFromFile(path);
  const head = await readHead(path);
  if (found && found.mime !== 'application/xml') return found.mime;
  if (found || looksLikeText(head)) return textType(head);
  return 'application/octet-stream';
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(TEXT_PROBE), 0, TEXT_PROBE, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Text: UTF-16 with its byte-order mark, or no NUL byte and (valid UTF-8, or almost no control
 * characters — legacy encodings such as GBK, which Chinese spreadsheets still export, pass).
 */
function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return true;
  if (head.includes(0)) return false;
  try {
    // a multi-byte character cut at the end of the probe is fine
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastBoundary(head)));
    return true;
  } catch {
    let control = 0;
    for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
    return control <= head.length / 100;
  }
}

/** The end of the last complete UTF-8 character in the buffer. */
function lastBoundary(head: Buffer): number {
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = head[end - i]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > i) end -= i;
    break;
  }
  return end;
}

/** Elements a browser's own sniffing takes for the start of HTML (WHATWG MIME sniffing). */
const HTML_ELEMENTS = new Set(
  'html head body script iframe h1 div font table a style title b br p img object embed'.split(' '),
);

function textType(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*<!doctype\s+html[\s>]/i.test(text)) return 'text/html';
  // the first element, past an XML declaration, comments and a doctype
  const first = /^\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<!doctype[^>]*>)\s*)*<([a-z][\w:.-]*)/i.exec(
    text,
  );
  const name = first?.[1]?.toLowerCase();
  if (name === 'svg' || name?.endsWith(':svg')) return 'image/svg+xml';
  if (name !== undefined && HTML_ELEMENTS.has(name)) return 'text/html';
  if (/^\s*<\?xml[\s?]/.test(text)) return 'application/xml';
  return 'text/plain';
}
