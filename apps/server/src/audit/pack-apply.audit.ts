import type { ApplyResult } from '@tessera/packs';
import type { Kysely } from 'kysely';
import { type AuditEntry, writeAudit } from './audit-log';

/**
 * The audit entry of a pack apply, for `applyPack`'s `inTransaction` hook (it exists if and only if
 * the apply committed): the forms published, the roles whose grants it wrote, the documents saved.
 */
export function writePackApplyAudit(
  trx: Kysely<any>,
  result: ApplyResult,
  pack: { readonly name: string; readonly version: string; readonly hash: string },
  who: Pick<AuditEntry, 'actorId' | 'actorName' | 'ip'>,
): Promise<void> {
  return writeAudit(trx, {
    action: 'pack.apply',
    ...who,
    targetType: 'app',
    targetId: result.app,
    detail: {
      pack: pack.name,
      version: pack.version,
      hash: pack.hash,
      forms: result.forms.map((f) => `${f.key}@${f.version} (${f.kind})`),
      roles: result.roles.filter((r) => r.kind !== 'unchanged').map((r) => `${r.key} (${r.kind})`),
      documents: result.documents.map((d) => `${d.file} (${d.status})`),
    },
  });
}
