import { stat } from 'node:fs/promises';
import { formatPackErrors, validatePackFolder } from '@tessera/packs';
import { CliError } from '../cli-error';

/** `tessera pack validate <dir>`: every error with its file and JSON path; exit 1 when there is any. */
export async function packValidateCommand(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(`${dir} is not a folder`);
  const result = await validatePackFolder(dir);
  if (result.ok) {
    const { pack } = result;
    process.stdout.write(`${dir}: valid pack ${pack.manifest.name}@${pack.manifest.version}\n`);
    return;
  }
  process.stdout.write(`${formatPackErrors(result.errors)}\n`);
  throw new CliError(`${dir}: ${result.errors.length} error(s)`);
}
