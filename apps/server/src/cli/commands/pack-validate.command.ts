import { formatPackErrors, validatePack } from '@tessera/packs';
import { CliError } from '../cli-error';
import { readPackFolder } from './pack-database';

/** `tessera pack validate <dir|zip>`: every error with its file and JSON path; exit 1 when there is any. */
export async function packValidateCommand(dir: string): Promise<void> {
  const result = validatePack(await readPackFolder(dir));
  if (result.ok) {
    const { pack } = result;
    process.stdout.write(`${dir}: valid pack ${pack.manifest.name}@${pack.manifest.version}\n`);
    return;
  }
  process.stdout.write(`${formatPackErrors(result.errors)}\n`);
  throw new CliError(`${dir}: ${result.errors.length} error(s)`);
}
