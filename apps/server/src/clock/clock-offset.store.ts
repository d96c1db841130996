import { type Kysely, sql } from 'kysely';

/**
 * How far the movable clock runs ahead of the system clock, kept in tessera.settings: a restart
 * keeps the demo's date, and every node of one database follows the same clock.
 */
const KEY = 'clock.offset_ms';

export async function readClockOffset(db: Kysely<any>): Promise<number> {
  const rows = await sql<{ value: unknown }>`select value from tessera.settings where key = ${KEY}`.execute(
    db,
  );
  const value = rows.rows[0]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export async function writeClockOffset(db: Kysely<any>, offsetMs: number): Promise<void> {
  await sql`insert into tessera.settings (key, value) values (${KEY}, ${JSON.stringify(offsetMs)}::jsonb)
    on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
}
