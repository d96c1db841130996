import { type Kysely, sql } from 'kysely';

export type RunOutcome = 'fired' | 'skipped' | 'failed' | 'dead' | 'done';

/** One line of a rule's run log: what happened to (record, occurrence), and why. */
export async function logRun(
  db: Kysely<any>,
  entry: {
    ruleId: string;
    recordId: string | null;
    occurrence: string | null;
    outcome: RunOutcome;
    reason: string;
    at: Date;
  },
): Promise<void> {
  await sql`insert into tessera.rule_runs (rule_id, record_id, occurrence, outcome, reason, at)
    values (${entry.ruleId}, ${entry.recordId}, ${entry.occurrence}, ${entry.outcome}, ${entry.reason}, ${entry.at})`.execute(
    db,
  );
}

export interface RunLogEntry {
  readonly id: number;
  readonly recordId: string | null;
  readonly occurrence: string | null;
  readonly outcome: RunOutcome;
  readonly reason: string;
  readonly at: string;
}

/** The newest entries of a rule's run log first. */
export async function listRuns(db: Kysely<any>, ruleId: string, limit = 100): Promise<RunLogEntry[]> {
  const r = await sql<{
    id: number;
    record_id: string | null;
    occurrence: string | null;
    outcome: RunOutcome;
    reason: string;
    at: Date;
  }>`
    select id, record_id, occurrence, outcome, reason, at from tessera.rule_runs
    where rule_id = ${ruleId} order by id desc limit ${limit}`.execute(db);
  return r.rows.map((row) => ({
    id: Number(row.id),
    recordId: row.record_id,
    occurrence: row.occurrence,
    outcome: row.outcome,
    reason: row.reason,
    at: new Date(row.at).toISOString(),
  }));
}
