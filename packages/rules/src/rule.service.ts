import type { RuleDefinition, SchemaError } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { listRuns, type RunLogEntry } from './firing/run-log';
import { formCache, publishedScope } from './model/form-meta.repository';
import { findPublishedRule } from './model/rule.repository';
import { validateRuleDefinition } from './model/rule-definition.validator';
import { triggersOfType } from './model/rule-triggers';
import { RulesError } from './rules.error';
import type { Actor, Clock } from './rules-context';
import { ensureSweepIndex, resolveSweepColumn } from './triggers/date-relative.sweep';
import { type DryRunResult, dryRun } from './triggers/dry-run';

export type SaveRuleResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

export interface RuleSummary {
  readonly key: string;
  readonly enabled: boolean;
  readonly publishedVersion: number | null;
  readonly draftVersion: number | null;
  readonly definition: RuleDefinition;
}

export interface RuleService {
  /** Validates and saves a draft (updates the draft, or starts a new version). */
  saveDraft(appKey: string, definition: unknown): Promise<SaveRuleResult>;
  /** Publishes a draft: the previous version is superseded; a date rule gets its index. */
  publish(appKey: string, ruleKey: string, version: number): Promise<{ version: number }>;
  enable(appKey: string, ruleKey: string): Promise<void>;
  disable(appKey: string, ruleKey: string): Promise<void>;
  get(appKey: string, ruleKey: string): Promise<RuleSummary>;
  list(appKey: string): Promise<RuleSummary[]>;
  runs(appKey: string, ruleKey: string, limit?: number): Promise<RunLogEntry[]>;
  /** The records that would fire now (nothing is fired). */
  dryRun(appKey: string, ruleKey: string, options?: { timeZone?: string }): Promise<DryRunResult>;
}

/** Rules service: design-time (drafts, versions, publish, enable) and the read side (runs, dry run). */
export function createRuleService(context: {
  db: Kysely<any>;
  actor: Actor;
  clock: Clock;
  timeZone?: string;
}): RuleService {
  const { db, actor, clock } = context;
  const timeZone = context.timeZone ?? 'UTC';

  async function ruleId(appKey: string, ruleKey: string): Promise<string> {
    const r = await sql<{
      id: string;
    }>`select id from tessera.rules where app_key = ${appKey} and key = ${ruleKey}`.execute(db);
    const id = r.rows[0]?.id;
    if (!id) throw new RulesError('RULE_NOT_FOUND', `rule ${appKey}/${ruleKey} does not exist`);
    return id;
  }

  async function summaries(appKey: string, ruleKey?: string): Promise<RuleSummary[]> {
    const r = await sql<{
      key: string;
      enabled: boolean;
      published_version: number | null;
      draft: number | null;
      definition: RuleDefinition;
    }>`
      select r.key, r.enabled, r.published_version,
        (select v.version from tessera.rule_versions v where v.rule_id = r.id and v.status = 'draft') as draft,
        (select v.definition from tessera.rule_versions v where v.rule_id = r.id
          order by (v.status = 'published') desc, v.version desc limit 1) as definition
      from tessera.rules r where r.app_key = ${appKey} and (${ruleKey ?? null}::text is null or r.key = ${ruleKey ?? null})
      order by r.key`.execute(db);
    return r.rows.map((x) => ({
      key: x.key,
      enabled: x.enabled,
      publishedVersion: x.published_version === null ? null : Number(x.published_version),
      draftVersion: x.draft === null ? null : Number(x.draft),
      definition: x.definition,
    }));
  }

  async function setEnabled(appKey: string, ruleKey: string, enabled: boolean): Promise<void> {
    const id = await ruleId(appKey, ruleKey);
    // Re-enabling starts schedules from now: instants while the rule was off are not owed.
    await sql`update tessera.rules set enabled = ${enabled}, updated_at = ${clock.now()},
      schedule_cursor = case when ${enabled} and not enabled then ${clock.now()} else schedule_cursor end
      where id = ${id}`.execute(db);
  }

  return {
    async saveDraft(appKey, definition) {
      const checked = validateRuleDefinition(definition, await publishedScope(db, appKey));
      if (!checked.ok) return checked;
      const rule = checked.value;
      return db.transaction().execute(async (trx) => {
        await sql`insert into tessera.rules (app_key, key, created_at, created_by, updated_at)
          values (${appKey}, ${rule.key}, ${clock.now()}, ${actor.id}, ${clock.now()})
          on conflict (app_key, key) do nothing`.execute(trx);
        const id = (
          await sql<{
            id: string;
          }>`select id from tessera.rules where app_key = ${appKey} and key = ${rule.key}`.execute(trx)
        ).rows[0]!.id;
        const json = JSON.stringify(rule);
        const updated = await sql<{
          version: number;
        }>`update tessera.rule_versions set definition = ${json}::jsonb,
          updated_at = ${clock.now()} where rule_id = ${id} and status = 'draft' returning version`.execute(
          trx,
        );
        if (updated.rows[0]) return { ok: true as const, version: Number(updated.rows[0].version) };
        const inserted = await sql<{ version: number }>`insert into tessera.rule_versions
          (rule_id, version, status, definition, created_at, created_by, updated_at)
          select ${id}, coalesce(max(version), 0) + 1, 'draft', ${json}::jsonb, ${clock.now()}, ${actor.id}, ${clock.now()}
          from tessera.rule_versions where rule_id = ${id} returning version`.execute(trx);
        return { ok: true as const, version: Number(inserted.rows[0]!.version) };
      });
    },

    async publish(appKey, ruleKey, version) {
      const id = await ruleId(appKey, ruleKey);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const draft = await sql<{ definition: RuleDefinition }>`select definition from tessera.rule_versions
          where rule_id = ${id} and version = ${version} and status = 'draft' for update`.execute(trx);
        const definition = draft.rows[0]?.definition;
        if (!definition)
          throw new RulesError('RULE_VERSION_NOT_FOUND', `rule ${ruleKey} has no draft version ${version}`);
        // Forms may have changed since the draft was saved: check again against what is published now.
        const checked = validateRuleDefinition(definition, await publishedScope(trx, appKey));
        if (!checked.ok) {
          throw new RulesError(
            'RULE_INVALID',
            checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          );
        }
        await sql`update tessera.rule_versions set status = 'superseded' where rule_id = ${id} and status = 'published'`.execute(
          trx,
        );
        await sql`update tessera.rule_versions set status = 'published', published_at = ${now}, published_by = ${actor.id}
          where rule_id = ${id} and version = ${version}`.execute(trx);
        await sql`update tessera.rules set published_version = ${version}, updated_at = ${now},
          enabled = case when published_version is null then ${definition.enabled !== false} else enabled end,
          schedule_cursor = coalesce(schedule_cursor, ${now}) where id = ${id}`.execute(trx);
      });
      const rule = await findPublishedRule(db, appKey, ruleKey);
      const forms = formCache(db, appKey);
      for (const trigger of rule ? triggersOfType(rule.definition, 'date_relative') : [])
        await ensureSweepIndex(db, appKey, await resolveSweepColumn(forms, rule!, trigger));
      return { version };
    },

    enable: (appKey, ruleKey) => setEnabled(appKey, ruleKey, true),
    disable: (appKey, ruleKey) => setEnabled(appKey, ruleKey, false),

    async get(appKey, ruleKey) {
      const [one] = await summaries(appKey, ruleKey);
      if (!one) throw new RulesError('RULE_NOT_FOUND', `rule ${appKey}/${ruleKey} does not exist`);
      return one;
    },
    list: (appKey) => summaries(appKey),

    async runs(appKey, ruleKey, limit) {
      return listRuns(db, await ruleId(appKey, ruleKey), limit);
    },

    async dryRun(appKey, ruleKey, options = {}) {
      const rule = await findPublishedRule(db, appKey, ruleKey);
      if (!rule) throw new RulesError('RULE_NOT_FOUND', `rule ${appKey}/${ruleKey} has no published version`);
      return dryRun({ db, clock, timeZone: options.timeZone ?? timeZone }, rule);
    },
  };
}
