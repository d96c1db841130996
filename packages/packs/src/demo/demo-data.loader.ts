import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeAppTables, type Clock, createRecordService, recordTable } from '@tessera/forms';
import { type Kysely, sql } from 'kysely';
import type { Pack } from '../model/pack.js';
import { orderForms } from '../plan/form-order.planner.js';
import { parseCsv } from './csv.parser.js';
import { csvRecordValues } from './csv-values.mapper.js';

export type DemoDataResult =
  | { readonly kind: 'loaded'; readonly rows: Readonly<Record<string, number>> }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Loads the pack's data/*.csv through the records service (validation, defaults, auto-numbers,
 * formulas and rollups apply), forms in link order. A `#ref` column names a row so later files
 * can link to it (`#c01`); other link cells match the linked record's title field; user cells are
 * user names. Skipped when the first of these forms already has records (the demo is loaded once).
 */
export async function loadDemoData(
  db: Kysely<any>,
  input: {
    app: string;
    dir: string;
    pack: Pack;
    users: ReadonlyMap<string, string>;
    clock: Clock;
    timeZone?: string;
  },
): Promise<DemoDataResult> {
  const { app, pack } = input;
  const order = orderForms(pack.forms.map((d) => d.value));
  if (!order.ok) return { kind: 'skipped', reason: 'forms link in a cycle' };
  const withData = order.order.filter((key) => pack.dataFiles.includes(`data/${key}.csv`));
  const first = withData[0];
  if (!first) return { kind: 'skipped', reason: 'the pack has no data/*.csv' };
  const existing = await sql<{
    n: number;
  }>`select count(*) as n from ${recordTable(app, first)}`.execute(db);
  if (Number(existing.rows[0]?.n) > 0) return { kind: 'skipped', reason: `${first} already has records` };

  const records = createRecordService({
    db,
    actor: { id: null },
    clock: input.clock,
    timeZone: input.timeZone ?? 'Asia/Shanghai',
    systemWrite: true, // demo history: approved quotes, shipped orders
  });
  const ids = new Map<string, string>(); // "<form>:#ref" and "<form>:<title>" → id
  const resolver = {
    link: (form: string, cell: string) => ids.get(`${form}:${cell}`),
    user: (username: string) => input.users.get(username),
  };
  const rows: Record<string, number> = {};
  for (const key of withData) {
    const form = pack.forms.find((d) => d.value.key === key)!.value;
    const titleKey = form.fields.find((f) => f.id === form.titleField)?.key;
    const csv = parseCsv(await readFile(join(input.dir, 'data', `${key}.csv`), 'utf8'));
    for (const [i, row] of csv.rows.entries()) {
      const converted = csvRecordValues(form, row, resolver);
      if (!converted.ok) throw new Error(`data/${key}.csv row ${i + 2}: ${converted.errors.join('; ')}`);
      let record: Record<string, unknown>;
      try {
        record = await records.create(app, key, converted.values);
      } catch (error) {
        const detail = (error as { errors?: readonly { path: string; message: string }[] }).errors ?? [];
        const more = detail.map((e) => ` ${e.path}: ${e.message}`).join(';');
        throw new Error(`data/${key}.csv row ${i + 2}: ${(error as Error).message}${more}`);
      }
      const id = String(record.id);
      if (row['#ref']) ids.set(`${key}:#${row['#ref'].replace(/^#/, '')}`, id);
      const title = titleKey ? record[titleKey] : undefined;
      if (typeof title === 'string' && !ids.has(`${key}:${title}`)) ids.set(`${key}:${title}`, id);
    }
    rows[key] = csv.rows.length;
  }
  await analyzeAppTables(db, app); // the planner's statistics of the tables just filled
  return { kind: 'loaded', rows };
}
