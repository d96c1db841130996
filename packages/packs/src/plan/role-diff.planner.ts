import type { RoleDefinition } from '@tessera/schema';
import { sameJson } from '../model/canonical-json.js';
import type { RolePlanEntry } from './pack-plan.js';

/** Roles of the pack against the app's installed roles: added, changed, unchanged; then removed. */
export function diffRoles(
  installed: readonly RoleDefinition[],
  next: readonly RoleDefinition[],
): RolePlanEntry[] {
  const before = new Map(installed.map((r) => [r.key, r]));
  const entries: RolePlanEntry[] = next.map((role) => {
    const old = before.get(role.key);
    const kind = !old ? 'added' : sameJson(old, role) ? 'unchanged' : 'changed';
    return { kind, key: role.key };
  });
  const kept = new Set(next.map((r) => r.key));
  for (const role of installed) if (!kept.has(role.key)) entries.push({ kind: 'removed', key: role.key });
  return entries;
}
