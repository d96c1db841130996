import { createFlowDefinitionService } from '@tessera/flows';
import type { Actor, Clock } from '@tessera/forms';
import { createPrintService } from '@tessera/print';
import { createDashboardService, createReportService } from '@tessera/reports';
import { createRuleService } from '@tessera/rules';
import type { Kysely } from 'kysely';
import { PackInstallError } from '../errors/pack-install.error.js';
import type { Pack } from '../model/pack.js';
import type { EngineDocumentEntry } from '../plan/pack-plan.js';
import { withoutSchemaPointer } from '../plan/pack-plan.planner.js';
import { joinTransaction } from './join-transaction.js';

type Problem = { readonly path: string; readonly message: string };

function refused(file: string, what: string, errors: readonly Problem[]): never {
  throw new PackInstallError(
    'PACK_ENGINE_REFUSED',
    `${what} ${file} was refused`,
    errors.map((e) => ({ path: `${file}${e.path}`, message: e.message })),
  );
}

/**
 * Hands the new and changed flows, rules, reports, dashboards and print templates to their engines inside the
 * pack's transaction (after the forms they name are published): flows and rules are saved as a
 * draft and published as a new version, reports, dashboards and print templates saved. Entries come in the plan's
 * order (flows, rules, reports, then dashboards, which name reports). Returns what was written.
 */
export async function applyEngineDocuments(
  trx: Kysely<any>,
  app: string,
  pack: Pack,
  entries: readonly EngineDocumentEntry[],
  actor: Actor,
  clock: Clock,
): Promise<EngineDocumentEntry[]> {
  const db = joinTransaction(trx);
  const flows = createFlowDefinitionService({ db, clock });
  const rules = createRuleService({ db, actor, clock });
  const reports = createReportService({ db, actor, clock });
  const dashboards = createDashboardService({ db, actor, clock }, reports);
  const prints = createPrintService({ db, actor, clock });
  const documents = new Map<string, unknown>(
    [...pack.flows, ...pack.rules, ...pack.reports, ...pack.dashboards, ...pack.prints].map((d) => [
      d.file,
      withoutSchemaPointer(d.value),
    ]),
  );
  const applied: EngineDocumentEntry[] = [];
  for (const entry of entries) {
    if (entry.status === 'unchanged') continue;
    const doc = documents.get(entry.file);
    switch (entry.kind) {
      case 'flow': {
        const draft = await flows.saveDraft(app, doc);
        if (!draft.ok) refused(entry.file, 'flow', draft.errors);
        const published = await flows.publish(app, entry.key, actor.id);
        if (!published.ok) refused(entry.file, 'flow', published.errors);
        break;
      }
      case 'rule': {
        const draft = await rules.saveDraft(app, doc);
        if (!draft.ok) refused(entry.file, 'rule', draft.errors);
        await rules.publish(app, entry.key, draft.version);
        break;
      }
      case 'report': {
        const saved = await reports.saveReport(app, doc);
        if (!saved.ok) refused(entry.file, 'report', saved.errors);
        break;
      }
      case 'dashboard': {
        const saved = await dashboards.saveDashboard(app, doc);
        if (!saved.ok) refused(entry.file, 'dashboard', saved.errors);
        break;
      }
      case 'print': {
        const saved = await prints.saveTemplate(app, doc);
        if (!saved.ok) refused(entry.file, 'print template', saved.errors);
        break;
      }
      default: {
        const never: never = entry.kind;
        throw new Error(`unknown document kind ${String(never)}`);
      }
    }
    applied.push(entry);
  }
  return applied;
}
