import type { FormPlanEntry, PackPlan } from './pack-plan.js';

function formLines(entry: FormPlanEntry): string[] {
  switch (entry.kind) {
    case 'unchanged':
      return [`  = ${entry.key} (unchanged, version ${entry.version})`];
    case 'new':
    case 'changed': {
      const head =
        entry.kind === 'new'
          ? `  + ${entry.key} (new)`
          : `  ~ ${entry.key} (changed from version ${entry.fromVersion})`;
      const actions = entry.plan.actions.map((a) => `      ${a.description}`);
      return [head, ...actions];
    }
    default: {
      const never: never = entry;
      return never;
    }
  }
}

const ROLE_MARK = { added: '+', changed: '~', unchanged: '=', removed: '-' } as const;
const DOC_MARK = { new: '+', changed: '~', unchanged: '=' } as const;

/** The plan in words, one line per change, as `tessera pack plan` prints it. */
export function formatPackPlan(plan: PackPlan): string {
  const lines: string[] = [];
  const from = plan.previous
    ? ` (installed: ${plan.previous.name}@${plan.previous.version})`
    : ' (not installed)';
  lines.push(`pack ${plan.pack.name}@${plan.pack.version} → app ${plan.app}${from}`);
  if (plan.noop) lines.push('nothing to do: the installed app is up to date with this pack');
  lines.push(`forms (${plan.forms.length}, in apply order):`);
  for (const entry of plan.forms) lines.push(...formLines(entry));
  for (const key of plan.keptForms) lines.push(`  . ${key} (installed, not in the pack: kept as is)`);
  lines.push(`roles (${plan.roles.length}):`);
  for (const role of plan.roles) lines.push(`  ${ROLE_MARK[role.kind]} ${role.key} (${role.kind})`);
  lines.push(`flows, rules, reports, dashboards (${plan.documents.length}):`);
  for (const d of plan.documents) lines.push(`  ${DOC_MARK[d.status]} ${d.kind} ${d.key} (${d.status})`);
  if (plan.assets.length > 0) lines.push(`print images (${plan.assets.length}):`);
  for (const a of plan.assets) lines.push(`  ${DOC_MARK[a.status]} ${a.file} (${a.status})`);
  if (plan.refusals.length > 0) {
    lines.push('REFUSED — nothing will be applied:');
    for (const r of plan.refusals) lines.push(`  ${r.path}: ${r.message}`);
  }
  return lines.join('\n');
}
