import { writeFile } from 'node:fs/promises';
import { exportPack, exportPackZip } from '@tessera/packs';
import { fileStorageFrom } from '../../files/file-storage.config';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';
import { withPackDatabase } from './pack-database';

/** `tessera pack export <app> <dir|file.zip>`: the installed app as a pack folder or .zip (canonical JSON). */
export async function packExportCommand(app: string, target: string): Promise<void> {
  await withPackDatabase(async (db) => {
    if (target.toLowerCase().endsWith('.zip')) {
      const zip = await exportPackZip(db, app, fileStorageFrom(readConfig()));
      await writeFile(target, zip, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new CliError(`${target} exists: export into a new file`);
        throw error;
      });
      process.stdout.write(`exported app ${app} to ${target} (${zip.length} bytes)\n`);
      return;
    }
    const files = await exportPack(db, app, target, fileStorageFrom(readConfig()));
    for (const file of files) process.stdout.write(`wrote ${file.path}\n`);
    process.stdout.write(`exported app ${app} to ${target} (${files.length} file(s))\n`);
  });
}
