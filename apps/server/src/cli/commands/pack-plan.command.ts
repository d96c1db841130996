import { formatPackErrors, formatPackPlan, planPack } from '@tessera/packs';
import { CliError } from '../cli-error';
import { readPackFolder, withPackDatabase } from './pack-database';

/** `tessera pack plan <dir>`: what applying the pack would change, without changing anything. */
export async function packPlanCommand(dir: string): Promise<void> {
  const loaded = await readPackFolder(dir);
  await withPackDatabase(async (db) => {
    const result = await planPack(db, loaded);
    if (!result.ok) {
      process.stdout.write(`${formatPackErrors(result.errors)}\n`);
      throw new CliError(`${dir}: ${result.errors.length} error(s)`);
    }
    process.stdout.write(`${formatPackPlan(result.plan)}\n`);
    if (result.plan.refusals.length > 0) throw new CliError(`${dir}: the plan cannot be applied`);
  });
}
