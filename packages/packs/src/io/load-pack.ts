import { readFile, stat } from 'node:fs/promises';
import { loadPackZip } from '../archive/load-pack-zip.js';
import { PackInstallError } from '../errors/pack-install.error.js';
import type { LoadedPack } from '../model/loaded-pack.js';
import { loadPackFolder } from './load-pack-folder.js';

/** Reads a pack from a folder or a `.zip` file, whichever `path` is. */
export async function loadPack(path: string): Promise<LoadedPack> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return loadPackFolder(path);
  if (info?.isFile() && path.toLowerCase().endsWith('.zip'))
    return loadPackZip(await readFile(path), { name: path });
  throw new PackInstallError('PACK_ARCHIVE_INVALID', `${path} is neither a pack folder nor a .zip file`);
}
