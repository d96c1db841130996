/** Limits on an uploaded pack archive: a pack is a few hundred small JSON files and some CSV. */
export interface ZipLimits {
  /** Entries in the archive (files and folders). */
  readonly maxEntries: number;
  /** Uncompressed bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  readonly maxTotalBytes: number;
  /** Uncompressed / compressed size of one entry: beyond this it is treated as a zip bomb. */
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
};

/** What the central directory says about one entry, before anything is decompressed. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** Unix file type bits from the external attributes (0 when made on a system without them). */
  readonly unixMode: number;
  readonly encrypted: boolean;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Why an entry may not be read, or undefined when it may (pure). Refuses what could escape the
 * pack folder or exhaust the server: absolute paths, drive letters, `..` segments, backslashes,
 * control characters, symbolic links and other special files, encrypted entries, entries larger
 * than the limit or compressed more than the bomb ratio.
 */
export function zipEntryProblem(entry: ZipEntryInfo, limits: ZipLimits): string | undefined {
  const { name } = entry;
  if (name.length === 0) return 'an entry without a name';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character in the name';
  if (name.includes('\\')) return 'a backslash in the name (zip paths use "/")';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'a ".." segment: the entry would land outside the pack';
  if (segments.some((s) => s === '' || s === '.')) return 'an empty or "." path segment';
  const type = entry.unixMode & S_IFMT;
  if (type === S_IFLNK) return 'a symbolic link (packs hold plain files only)';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
    return 'a special file (packs hold plain files only)';
  if (entry.encrypted) return 'an encrypted entry';
  if (name.endsWith('/')) return undefined;
  if (entry.uncompressedSize > limits.maxEntryBytes)
    return `${entry.uncompressedSize} bytes uncompressed, more than the limit of ${limits.maxEntryBytes}`;
  if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * limits.maxRatio)
    return `compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1, a zip bomb`;
  return undefined;
}
