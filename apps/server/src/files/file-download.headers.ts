import { PREVIEW_TYPES } from '@tessera/files';

/** How a stored file is served. */
export interface DownloadHeaders {
  readonly 'content-type': string;
  readonly 'content-length': string;
  readonly 'content-disposition': string;
  readonly 'x-content-type-options': 'nosniff';
  readonly 'content-security-policy': string;
  readonly 'cache-control': string;
  readonly etag: string;
}

/**
 * The headers of a download: the sniffed type, never guessed again by the browser (`nosniff`);
 * `inline` only for image previews (PNG, JPEG, WebP, GIF — decoded as images, never SVG) unless
 * a download is asked for, `attachment` for everything else; the file name in RFC 6266/5987
 * form (an ASCII fallback and the UTF-8 name); a sandboxing CSP, so even a file a browser chose
 * to render could run nothing; private caching validated by the content hash.
 */
export function downloadHeaders(
  file: {
    readonly name: string;
    readonly size: number;
    readonly contentType: string;
    readonly sha256: string;
  },
  options: { readonly download: boolean },
): DownloadHeaders {
  const inline = !options.download && PREVIEW_TYPES.has(file.contentType);
  return {
    'content-type': file.contentType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    'cache-control': 'private, no-cache',
    etag: `"${file.sha256}"`,
  };
}

/** `attachment; filename="a_b.pdf"; filename*=UTF-8''a%E2%80%94b.pdf` (RFC 6266 with RFC 5987 encoding). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are replaced
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_').replace(/[\u0000-\u001f]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
