import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadAssets, type PrintFileSource } from '@tessera/print';
import type { Kysely } from 'kysely';
import { packZip } from '../archive/pack-zip.writer.js';
import { PackInstallError } from '../errors/pack-install.error.js';
import type { InstalledState } from '../install/installed-state.reader.js';
import { readInstalledState } from '../install/installed-state.reader.js';
import { buildPackExport, type ExportedFile, exportedBytes } from './pack-export.builder.js';

/** The print images' bytes: from the file storage (`files`), or from the row for a pack applied without one. */
const imagesOf = (db: Kysely<any>, state: InstalledState, files?: PrintFileSource) =>
  loadAssets(db, state.app, [...state.assets.keys()], files);

/**
 * Exports an installed app to a folder as a pack (see buildPackExport). The folder must be empty
 * or not exist yet, so an export never mixes with older files.
 */
export async function exportPack(
  db: Kysely<any>,
  app: string,
  dir: string,
  files?: PrintFileSource,
): Promise<ExportedFile[]> {
  const state = await readInstalledState(db, app);
  if (!state.exists) throw new PackInstallError('APP_NOT_FOUND', `no app '${app}' is installed`);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0)
    throw new PackInstallError('EXPORT_TARGET_NOT_EMPTY', `${dir} is not empty: export into a new folder`);
  const exported = buildPackExport(state, await imagesOf(db, state, files));
  for (const file of exported) {
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, exportedBytes(file));
  }
  return exported;
}

/** Exports an installed app as a .zip pack: the same files as exportPack, byte-identical for the same state. */
export async function exportPackZip(db: Kysely<any>, app: string, files?: PrintFileSource): Promise<Buffer> {
  const state = await readInstalledState(db, app);
  if (!state.exists) throw new PackInstallError('APP_NOT_FOUND', `no app '${app}' is installed`);
  return packZip(buildPackExport(state, await imagesOf(db, state, files)));
}
