import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaId } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPack,
  type ExportedFile,
  exportedBytes,
  exportPack,
  formatPackErrors,
  loadPackZip,
  packZip,
  planPack,
} from '../index.js';
import { canonicalJson } from '../model/canonical-json.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/valid-pack');

async function folderFiles(dir: string): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    files.push({ path: abs.slice(dir.length + 1), text: await readFile(abs, 'utf8') });
  }
  return files;
}

/** The fixture pack, its sales_order form declaring indexes and written as an export writes it. */
async function packWithIndexes(): Promise<{ files: ExportedFile[]; salesOrder: string }> {
  const files = await folderFiles(FIXTURE);
  const file = files.find((f) => f.path === 'forms/sales_order.json');
  if (!file) throw new Error('fixture without forms/sales_order.json');
  const { $schema: _, ...form } = JSON.parse(exportedBytes(file).toString('utf8')) as {
    $schema: string;
    fields: { key: string }[];
  };
  const salesOrder = canonicalJson({
    $schema: schemaId('form'),
    ...form,
    fields: form.fields.map((f) => (f.key === 'delivery_date' ? { ...f, indexed: true } : f)),
    indexes: [{ fields: ['customer', '-order_date'] }],
  });
  return { files: files.map((f) => (f === file ? { ...f, text: salesOrder } : f)), salesOrder };
}

let source: TestDatabase;
let elsewhere: TestDatabase;
const dirs: string[] = [];
beforeAll(async () => {
  source = await createTestDatabase();
  elsewhere = await createTestDatabase();
});
afterAll(async () => {
  await source?.close();
  await elsewhere?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function applyZip(db: TestDatabase['db'], zip: Buffer) {
  const loaded = await loadPackZip(zip);
  const planned = await planPack(db, loaded);
  if (!planned.ok) throw new Error(formatPackErrors(planned.errors));
  return { plan: planned.plan, result: await applyPack(db, loaded, planned.plan) };
}

async function exported(db: TestDatabase['db']): Promise<ExportedFile[]> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-index-export-'));
  dirs.push(dir);
  return exportPack(db, 'mini_crm', dir);
}

describe('form indexes in packs', () => {
  it('are created on apply and exported byte-identical to the source, again after an apply elsewhere', async () => {
    const { files, salesOrder } = await packWithIndexes();
    const applied = await applyZip(source.db, await packZip(files));
    expect(applied.result.applied).toBe(true);
    const indexes = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'app_mini_crm' and tablename = 'sales_order'`.execute(source.db);
    const defs = Object.fromEntries(indexes.rows.map((r) => [r.name, r.def]));
    expect(defs['sales_order__delivery_date__idx']).toMatch(/\(delivery_date\)$/);
    expect(defs['sales_order__customer__order_date__idx']).toMatch(/\(customer, order_date DESC\)$/);

    const first = await exported(source.db);
    const exportedForm = first.find((f) => f.path === 'forms/sales_order.json');
    expect(exportedForm && exportedBytes(exportedForm).toString('utf8')).toBe(salesOrder);

    await applyZip(elsewhere.db, await packZip(first));
    const second = await exported(elsewhere.db);
    expect(second).toEqual(first);
    const again = await applyZip(elsewhere.db, await packZip(second));
    expect(again.plan.noop).toBe(true);
  }, 180_000);
});
