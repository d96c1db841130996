import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { PackInstallError, type PackInstallErrorDetail } from '../errors/pack-install.error.js';
import { DIAGRAM, readPackDiagrams } from '../io/pack-diagrams.reader.js';
import { isAssetPath, type LoadedPack } from '../model/loaded-pack.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits, zipEntryProblem } from './zip-entry.check.js';

/** Folders and files of an archive that are never part of a pack (as loadPackFolder skips them). */
const skipped = (path: string) =>
  path.split('/').some((s) => s.startsWith('.') || s === 'node_modules' || s === '__MACOSX');

/**
 * Reads a pack from a .zip archive exactly as loadPackFolder reads a folder: the text of every
 * `.json` file, the bytes of the print images, the names of the other files, paths relative and sorted. An archive whose files all
 * sit in one top folder holding pack.json (what zipping a folder gives) is read from that folder.
 * Refuses, with every offending entry named, archives that are not zip files, entries that would
 * escape the folder (absolute, `..`), symbolic links, encrypted or oversize entries and zip bombs —
 * all checked on the central directory before a byte is decompressed; yauzl then verifies each
 * entry inflates to exactly its declared size.
 */
export async function loadPackZip(
  archive: Buffer,
  options: { name?: string; limits?: Partial<ZipLimits> } = {},
): Promise<LoadedPack> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const label = options.name ?? 'the archive';
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(archive, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new PackInstallError(
      'PACK_ARCHIVE_INVALID',
      `${label} is not a readable .zip file: ${(error as Error).message}`,
    );
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new PackInstallError(
        'PACK_ARCHIVE_INVALID',
        `${label} has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`,
      );
    const entries = await readEntries(zip);
    const files = checkEntries(entries, limits, label);
    const root = packRoot(files.map((f) => f.name));
    const jsonFiles: { path: string; text: string }[] = [];
    const otherFiles: string[] = [];
    const assetFiles: { path: string; bytes: Buffer }[] = [];
    const diagrams: { path: string; xml: string }[] = [];
    for (const file of files) {
      const path = file.name.slice(root.length);
      if (skipped(path)) continue;
      if (path.endsWith('.json')) {
        const bytes = await readEntry(zip, file.entry, label);
        jsonFiles.push({ path, text: bytes.toString('utf8') });
      } else if (DIAGRAM.test(path))
        diagrams.push({ path, xml: (await readEntry(zip, file.entry, label)).toString('utf8') });
      else otherFiles.push(path);
      if (isAssetPath(path)) assetFiles.push({ path, bytes: await readEntry(zip, file.entry, label) });
    }
    jsonFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    otherFiles.sort();
    assetFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return await readPackDiagrams({ dir: label, jsonFiles, otherFiles, assetFiles }, diagrams);
  } finally {
    zip.close();
  }
}

interface NamedEntry {
  readonly name: string;
  readonly entry: Entry;
}

function readEntries(zip: ZipFile): Promise<NamedEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: NamedEntry[] = [];
    zip.on('entry', (entry: Entry) => {
      // decodeStrings: false gives the raw bytes, so no name is normalised before it is checked
      const name = new TextDecoder('utf-8').decode(entry.fileName as unknown as Buffer);
      entries.push({ name, entry });
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) =>
      reject(new PackInstallError('PACK_ARCHIVE_INVALID', `the archive is damaged: ${error.message}`)),
    );
    zip.readEntry();
  });
}

/** Every entry checked; all problems reported at once. Returns the files (not the folders). */
function checkEntries(entries: readonly NamedEntry[], limits: ZipLimits, label: string): NamedEntry[] {
  const errors: PackInstallErrorDetail[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const { name, entry } of entries) {
    const problem = zipEntryProblem(
      {
        name,
        uncompressedSize: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        unixMode: (entry.externalFileAttributes >>> 16) & 0xffff,
        encrypted: entry.isEncrypted(),
      },
      limits,
    );
    if (problem) errors.push({ path: name, message: `refused: ${problem}` });
    else if (seen.has(name)) errors.push({ path: name, message: 'refused: the same path twice' });
    seen.add(name);
    total += entry.uncompressedSize;
  }
  if (total > limits.maxTotalBytes)
    errors.push({
      path: '',
      message: `${total} bytes uncompressed in all, more than the limit of ${limits.maxTotalBytes}`,
    });
  if (errors.length > 0)
    throw new PackInstallError(
      'PACK_ARCHIVE_INVALID',
      `${label}: ${errors.length} entry problem(s), nothing read`,
      errors,
    );
  return entries.filter((e) => !e.name.endsWith('/'));
}

/** '' when pack.json is at the top; 'name/' when every file sits in one folder that holds it. */
function packRoot(names: readonly string[]): string {
  if (names.includes('pack.json')) return '';
  const visible = names.filter((n) => !skipped(n));
  const top = visible[0]?.split('/')[0];
  if (top && visible.every((n) => n.startsWith(`${top}/`)) && names.includes(`${top}/pack.json`))
    return `${top}/`;
  return '';
}

function readEntry(zip: ZipFile, entry: Entry, label: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error: Error | null, stream: Readable) => {
      if (error) {
        reject(
          new PackInstallError('PACK_ARCHIVE_INVALID', `${label}: cannot read an entry: ${error.message}`),
        );
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', (e: Error) =>
        reject(new PackInstallError('PACK_ARCHIVE_INVALID', `${label}: an entry is damaged: ${e.message}`)),
      );
    });
  });
}
