import { exportPack } from '@tessera/packs';
import { withPackDatabase } from './pack-database';

/** `tessera pack export <app> <dir>`: the installed app as a pack folder (canonical JSON). */
export async function packExportCommand(app: string, dir: string): Promise<void> {
  await withPackDatabase(async (db) => {
    const files = await exportPack(db, app, dir);
    for (const file of files) process.stdout.write(`wrote ${file.path}\n`);
    process.stdout.write(`exported app ${app} to ${dir} (${files.length} file(s))\n`);
  });
}
