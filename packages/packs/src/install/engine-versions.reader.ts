import { createFlowDefinitionService } from '@tessera/flows';
import { systemClock } from '@tessera/logic';
import { createPrintService } from '@tessera/print';
import { createDashboardService, createReportService } from '@tessera/reports';
import { createRuleService } from '@tessera/rules';
import type { Kysely } from 'kysely';
import { joinTransaction } from '../apply/join-transaction.js';

/**
 * The version each engine holds now of the flows, rules, reports, dashboards and print templates a pack installed
 * (`{ "<path>": version | null }`): part of the installed-state hash, so a rule or flow published
 * in the designer after a plan makes that plan stale.
 */
export async function readEngineVersions(
  db: Kysely<any>,
  app: string,
  paths: readonly string[],
): Promise<Record<string, number | null>> {
  const handle = db.isTransaction ? joinTransaction(db) : db;
  const actor = { id: null };
  const clock = systemClock;
  const flows = createFlowDefinitionService({ db: handle, clock });
  const reports = createReportService({ db: handle, actor, clock });
  const dashboards = createDashboardService({ db: handle, actor, clock }, reports);
  const prints = createPrintService({ db: handle, actor, clock });
  const ruleVersions = new Map<string, number | null>();
  if (paths.some((p) => p.startsWith('rules/'))) {
    for (const rule of await createRuleService({ db: handle, actor, clock }).list(app))
      ruleVersions.set(rule.key, rule.publishedVersion);
  }
  const versions: Record<string, number | null> = {};
  for (const path of [...paths].sort()) {
    const [folder, file = ''] = path.split('/');
    const key = file.replace(/\.json$/, '');
    switch (folder) {
      case 'flows':
        versions[path] = (await flows.getPublished(app, key))?.version ?? null;
        break;
      case 'rules':
        versions[path] = ruleVersions.get(key) ?? null;
        break;
      case 'reports':
        versions[path] = (await reports.getReport(app, key))?.version ?? null;
        break;
      case 'dashboards':
        versions[path] = (await dashboards.getDashboard(app, key))?.version ?? null;
        break;
      case 'prints':
        versions[path] = (await prints.getTemplate(app, key))?.version ?? null;
        break;
      default:
        versions[path] = null;
    }
  }
  return versions;
}
