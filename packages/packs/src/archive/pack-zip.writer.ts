import yazl from 'yazl';
import { type ExportedFile, exportedBytes } from '../export/pack-export.builder.js';

/**
 * A fixed modification time for every entry, built from local components because DOS timestamps
 * are local time: the same files give the same bytes in any time zone and on any day.
 */
const FIXED_MTIME = () => new Date(2000, 0, 1, 0, 0, 0);

/**
 * The files of a pack as a .zip (deflated, sorted by path, fixed timestamps and modes, no extra
 * fields), so exporting the same installed state twice gives byte-identical archives.
 */
export function packZip(files: readonly ExportedFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted)
    zip.addBuffer(exportedBytes(file), file.path, {
      mtime: FIXED_MTIME(),
      mode: 0o100644,
      compress: true,
      forceDosTimestamp: true,
    });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.once('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.once('error', reject);
  });
}
