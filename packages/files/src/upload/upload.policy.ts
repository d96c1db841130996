import { FilesError } from '../errors/files.error';
import { ACTIVE_TYPES, EXECUTABLE_TYPES, EXTENSION_TYPES, TEXT_TYPES } from '../sniff/file-types';

/** What an upload is checked against: the field's settings and the server's cap. */
export interface UploadRules {
  /** The smaller of the field's `maxFileSizeMb` and TESSERA_MAX_FILE_MB, in bytes. */
  readonly maxBytes: number;
  /** Which of the two it is, for the message: the field (`files`) or the server setting. */
  readonly maxFrom: { readonly field: string } | { readonly setting: string };
  /** The field's `accept` list (types, `type/*` or `.ext`); unset = any type that passes the rest. */
  readonly accept?: readonly string[];
}

export type UploadVerdict =
  | { readonly ok: true; readonly contentType: string }
  | { readonly ok: false; readonly error: FilesError };

/** Types the sniffer may only name as their container: the extension then tells which format it is. */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb', 'text/plain']);

/**
 * Decides an upload from its name and the type sniffed from its bytes (pure). Refused: empty;
 * over the limit (413); a name whose extension claims another type than the bytes have (a `.png`
 * that is HTML or a program), active content (HTML, SVG, XML) or a program under a name that
 * does not say so; a type the field does not accept; a program the field does not name (415).
 * The type it is served with is the sniffed one (refined by the extension inside containers:
 * a zip named .docx is a DOCX, text named .csv is CSV).
 */
export function checkUpload(
  file: { readonly name: string; readonly size: number; readonly sniffed: string },
  rules: UploadRules,
): UploadVerdict {
  const refuse = (code: FilesError['code'], message: string): UploadVerdict => ({
    ok: false,
    error: new FilesError(code, message),
  });
  if (file.size === 0) return refuse('FILE_EMPTY', `"${file.name}" is empty.`);
  if (file.size > rules.maxBytes) return refuse('FILE_TOO_LARGE', tooLargeMessage(file.name, rules));
  const ext = extensionOf(file.name);
  const claims = ext ? EXTENSION_TYPES[ext] : undefined;
  if (claims && !claims.includes(file.sniffed))
    return refuse(
      'FILE_TYPE_MISMATCH',
      `"${file.name}" is named .${ext} but its content is ${file.sniffed}; rename it or upload the real file.`,
    );
  if (!claims && (ACTIVE_TYPES.has(file.sniffed) || EXECUTABLE_TYPES.has(file.sniffed)))
    return refuse(
      'FILE_TYPE_MISMATCH',
      `The content of "${file.name}" is ${file.sniffed}, which its name does not say (use the extension of its type).`,
    );
  const contentType =
    (file.sniffed === 'text/plain' && ext ? TEXT_TYPES[ext] : undefined) ??
    (claims && CONTAINERS.has(file.sniffed) ? claims[0]! : file.sniffed);
  const named = (entry: string) =>
    entry.startsWith('.')
      ? entry.slice(1).toLowerCase() === ext
      : entry.endsWith('/*')
        ? contentType.startsWith(entry.slice(0, -1))
        : entry === contentType || entry === file.sniffed;
  if (rules.accept && !rules.accept.some(named))
    return refuse(
      'FILE_TYPE_NOT_ALLOWED',
      `"${file.name}" is ${contentType}; this field accepts only ${rules.accept.join(', ')}.`,
    );
  // a program only where the field asks for one by its exact type or extension
  if (EXECUTABLE_TYPES.has(file.sniffed) && !rules.accept?.some((e) => !e.endsWith('/*') && named(e)))
    return refuse(
      'FILE_TYPE_NOT_ALLOWED',
      `"${file.name}" is a program (${file.sniffed}); programs are not accepted.`,
    );
  return { ok: true, contentType };
}

export function tooLargeMessage(name: string, rules: UploadRules): string {
  const mib = rules.maxBytes / 2 ** 20;
  const size = Number.isInteger(mib) ? `${mib} MiB` : `${rules.maxBytes} bytes`;
  const whose =
    'field' in rules.maxFrom
      ? `the limit of field ${rules.maxFrom.field}`
      : `the limit set by ${rules.maxFrom.setting}`;
  return `"${name}" is larger than ${size} (${whose}).`;
}

/** The lower-case extension of a file name (`Report.PDF` → `pdf`), or null. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null;
}

/** A client's file name as stored: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' || clean === '.' || clean === '..' ? 'file' : clean).slice(0, 255);
}
