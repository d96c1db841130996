import { userInfo } from 'node:os';
import { applyPack, formatPackErrors, formatPackPlan, planPack } from '@tessera/packs';
import { writePackApplyAudit } from '../../audit/pack-apply.audit';
import { platformTimeZone } from '../../config/config';
import { fileStorageFrom } from '../../files/file-storage.config';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';
import { readPackFolder, withPackDatabase } from './pack-database';

/** `tessera pack apply <dir>`: plans the pack, prints the plan, applies it in one transaction. */
export async function packApplyCommand(dir: string): Promise<void> {
  const loaded = await readPackFolder(dir);
  await withPackDatabase(async (db) => {
    const planned = await planPack(db, loaded);
    if (!planned.ok) {
      process.stdout.write(`${formatPackErrors(planned.errors)}\n`);
      throw new CliError(`${dir}: ${planned.errors.length} error(s), nothing applied`);
    }
    process.stdout.write(`${formatPackPlan(planned.plan)}\n`);
    // The command line has no Tessera user: the audit entry names the operating-system account.
    const result = await applyPack(db, loaded, planned.plan, {
      timeZone: platformTimeZone(readConfig()),
      files: fileStorageFrom(readConfig()),
      inTransaction: (trx, applied) =>
        writePackApplyAudit(trx, applied, planned.plan.pack, { actorName: `cli:${userInfo().username}` }),
    });
    if (!result.applied) {
      process.stdout.write('nothing applied\n');
      return;
    }
    const changedRoles = result.roles.filter((r) => r.kind !== 'unchanged');
    for (const form of result.forms)
      process.stdout.write(`published ${result.app}.${form.key} version ${form.version} (${form.kind})\n`);
    for (const role of changedRoles) process.stdout.write(`role ${role.key} ${role.kind}\n`);
    for (const doc of result.documents) process.stdout.write(`${doc.kind} ${doc.key} ${doc.status}: saved\n`);
    process.stdout.write(
      `applied ${planned.plan.pack.name}@${planned.plan.pack.version} to app ${result.app}: ` +
        `${result.forms.length} form(s) published, ${changedRoles.length} role change(s), ` +
        `${result.documents.length} flow(s)/rule(s)/report(s)/dashboard(s) saved\n`,
    );
  });
}
