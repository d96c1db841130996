import { CompiledQuery, type Kysely } from 'kysely';
import type { StatisticsPlan } from '../compiler/statistics.planner';

/**
 * Creates a report's statistics object (if missing) and builds it with an ANALYZE of its table
 * — a sample, not a scan (about 30 000 rows whatever the table's size).
 * Run when a report is saved; until it has run, `with_statistics` reports use the plain plan.
 */
export async function ensureStatistics(db: Kysely<any>, plan: StatisticsPlan): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(plan.create.sql, [...plan.create.parameters]));
  await db.executeQuery(CompiledQuery.raw(plan.analyze.sql, [...plan.analyze.parameters]));
}
