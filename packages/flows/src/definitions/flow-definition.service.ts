import { publishedScope, type ReferenceScope } from '@tessera/forms';
import type { FlowDefinition, SchemaError } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { FlowError } from '../runner/flow.error';
import type { Clock } from '../runner/flow-context';
import { type FlowValidation, validateFlowDefinition } from './flow-definition.validator';
import { checkFlowReferences } from './flow-references.checker';

export interface PublishedFlow {
  readonly versionId: string;
  readonly version: number;
  readonly definition: FlowDefinition;
}

export type SaveFlowResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };
export type PublishFlowResult =
  | { readonly ok: true; readonly version: number; readonly versionId: string }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/** Drafts and immutable published versions of flows (`tessera.flow_definitions` / `flow_versions`). */
export interface FlowDefinitionService {
  saveDraft(appKey: string, definition: unknown): Promise<SaveFlowResult>;
  /** Validates the draft and publishes it as the next version; running instances keep theirs. */
  publish(appKey: string, flowKey: string, actorId?: string | null): Promise<PublishFlowResult>;
  getPublished(appKey: string, flowKey: string): Promise<PublishedFlow | null>;
  listVersions(appKey: string, flowKey: string): Promise<readonly { version: number; publishedAt: Date }[]>;
}

/**
 * What a flow's references are checked against: by default the app's published forms. The
 * runner's own tests, whose records are JSON rows without forms, pass `'unchecked'`.
 */
export type FlowReferenceScope = 'published' | 'unchecked';

export function createFlowDefinitionService(context: {
  db: Kysely<any>;
  clock: Clock;
  references?: FlowReferenceScope;
}): FlowDefinitionService {
  const { db, clock } = context;
  /** The graph and node checks, then the references (form, fields, roles…) against the app. */
  async function check(executor: Kysely<any>, appKey: string, input: unknown): Promise<FlowValidation> {
    const checked = validateFlowDefinition(input);
    if (!checked.ok || context.references === 'unchecked') return checked;
    const scope: ReferenceScope = await publishedScope(executor, appKey);
    const errors: SchemaError[] = [];
    checkFlowReferences(scope, (path, message) => errors.push({ path, message }), checked.value);
    return errors.length > 0 ? { ok: false, errors } : checked;
  }
  return {
    async saveDraft(appKey, input) {
      const checked = await check(db, appKey, input);
      if (!checked.ok) return checked;
      const flow = checked.value;
      await sql`insert into tessera.flow_definitions (app_key, key, form_key, draft, created_at, updated_at)
                values (${appKey}, ${flow.key}, ${flow.form}, ${JSON.stringify(flow)}::jsonb, ${clock.now()}, ${clock.now()})
                on conflict (app_key, key) do update
                set draft = excluded.draft, form_key = excluded.form_key, updated_at = excluded.updated_at`.execute(
        db,
      );
      return { ok: true };
    },

    publish(appKey, flowKey, actorId = null) {
      return db.transaction().execute(async (trx) => {
        const found = await sql<{ id: string; draft: unknown; published_version: number | null }>`
          select id, draft, published_version from tessera.flow_definitions
          where app_key = ${appKey} and key = ${flowKey} for update`.execute(trx);
        const row = found.rows[0];
        if (!row) throw new FlowError('FLOW_NOT_FOUND', `Flow ${appKey}/${flowKey} does not exist.`);
        if (row.draft === null)
          return { ok: false as const, errors: [{ path: '', message: 'there is no draft to publish' }] };
        const checked = await check(trx, appKey, row.draft);
        if (!checked.ok) return checked;
        const version = Number(row.published_version ?? 0) + 1;
        const inserted = await sql<{ id: string }>`
          insert into tessera.flow_versions (flow_id, version, definition, published_at, published_by)
          values (${row.id}, ${version}, ${JSON.stringify(checked.value)}::jsonb, ${clock.now()}, ${actorId})
          returning id`.execute(trx);
        await sql`update tessera.flow_definitions set published_version = ${version}, draft = null, updated_at = ${clock.now()}
                  where id = ${row.id}`.execute(trx);
        return { ok: true as const, version, versionId: inserted.rows[0]!.id };
      });
    },

    getPublished: (appKey, flowKey) => findPublished(db, appKey, flowKey),

    async listVersions(appKey, flowKey) {
      const rows = await sql<{ version: number; published_at: Date }>`
        select v.version, v.published_at from tessera.flow_versions v
        join tessera.flow_definitions d on d.id = v.flow_id
        where d.app_key = ${appKey} and d.key = ${flowKey} order by v.version`.execute(db);
      return rows.rows.map((r) => ({ version: Number(r.version), publishedAt: new Date(r.published_at) }));
    },
  };
}

/** The flow's current published version, or null. */
export async function findPublished(
  executor: Kysely<any>,
  appKey: string,
  flowKey: string,
): Promise<PublishedFlow | null> {
  const rows = await sql<{ id: string; version: number; definition: FlowDefinition }>`
    select v.id, v.version, v.definition from tessera.flow_definitions d
    join tessera.flow_versions v on v.flow_id = d.id and v.version = d.published_version
    where d.app_key = ${appKey} and d.key = ${flowKey}`.execute(executor);
  const row = rows.rows[0];
  return row ? { versionId: row.id, version: Number(row.version), definition: row.definition } : null;
}
