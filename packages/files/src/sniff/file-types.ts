/**
 * The extensions Tessera knows, each with the types the bytes of such a file may sniff as. A file
 * whose name has one of these extensions must sniff as one of its types (else FILE_TYPE_MISMATCH:
 * a `.png` that is HTML or an executable). Office files are zip or CFB containers, which the
 * sniffer may only get as far as naming the container.
 */
export const EXTENSION_TYPES: Readonly<Record<string, readonly string[]>> = {
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  bmp: ['image/bmp'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  heic: ['image/heic'],
  avif: ['image/avif'],
  svg: ['image/svg+xml'],
  ico: ['image/x-icon'],
  pdf: ['application/pdf'],
  ofd: ['application/zip'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/zip'],
  odt: ['application/vnd.oasis.opendocument.text', 'application/zip'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet', 'application/zip'],
  odp: ['application/vnd.oasis.opendocument.presentation', 'application/zip'],
  doc: ['application/msword', 'application/x-cfb'],
  xls: ['application/vnd.ms-excel', 'application/x-cfb'],
  ppt: ['application/vnd.ms-powerpoint', 'application/x-cfb'],
  rtf: ['application/rtf', 'text/plain'],
  zip: ['application/zip'],
  rar: ['application/x-rar-compressed', 'application/vnd.rar'],
  '7z': ['application/x-7z-compressed'],
  gz: ['application/gzip'],
  tar: ['application/x-tar'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav', 'audio/vnd.wave', 'audio/x-wav'],
  m4a: ['audio/x-m4a', 'audio/mp4'],
  mp4: ['video/mp4'],
  mov: ['video/quicktime'],
  webm: ['video/webm'],
  avi: ['video/vnd.avi', 'video/x-msvideo'],
  txt: ['text/plain'],
  log: ['text/plain'],
  md: ['text/plain'],
  csv: ['text/plain'],
  tsv: ['text/plain'],
  json: ['text/plain'],
  xml: ['application/xml'],
  html: ['text/html'],
  htm: ['text/html'],
  exe: ['application/x-msdownload'],
  dll: ['application/x-msdownload'],
  msi: ['application/x-cfb', 'application/x-msi'],
  eml: ['text/plain', 'message/rfc822'],
};

/** What text files are served as, by extension (the sniffer can only tell "text"). */
export const TEXT_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  md: 'text/markdown',
  eml: 'message/rfc822',
  rtf: 'application/rtf',
};

/** Programs: refused unless a field's `accept` names them. */
export const EXECUTABLE_TYPES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msi',
  'application/vnd.android.package-archive',
  'application/x-apple-diskimage',
  'application/wasm',
  'application/x-sh',
]);

/** Types a browser would run (scripts in HTML, SVG, XML): never shown inline, only downloaded. */
export const ACTIVE_TYPES: ReadonlySet<string> = new Set(['text/html', 'image/svg+xml', 'application/xml']);

/** Images shown inline as previews (decoded as images only: no SVG). */
export const PREVIEW_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
]);
