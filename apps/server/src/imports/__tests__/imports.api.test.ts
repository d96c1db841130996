import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPack, DEMO_PASSWORD, ensureDemoOrg, loadPackFolder, planPack } from '@tessera/packs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { createUser } from '../../auth/user.store';

const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../../examples/customer-erp');
const APP = 'customer_erp';
const BASE = `/api/apps/${APP}/forms/customer`;
let t: TestApp;
let director: Client;
let sales: Client;

beforeAll(async () => {
  t = await createTestApp({ TESSERA_TIME_ZONE: 'Asia/Shanghai' });
  const loaded = await loadPackFolder(PACK_DIR);
  const planned = await planPack(t.database.db, loaded);
  if (!planned.ok) throw new Error(JSON.stringify(planned.errors.slice(0, 3)));
  await applyPack(t.database.db, loaded, planned.plan);
  await ensureDemoOrg(t.database.db, (db, input) => createUser(db, input));
  director = await login(t, 'director1', DEMO_PASSWORD); // sales director: may import and export customers
  sales = await login(t, 'sales1', DEMO_PASSWORD); // sales: may not
});
afterAll(async () => {
  await t?.close();
});

const csvOf = (rows: string[][]) => `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

function customers(n: number, prefix: string, bad: number[] = []): string {
  const rows = [['客户名称', '客户等级', '信用额度', '负责销售']];
  for (let i = 0; i < n; i++)
    rows.push([`${prefix}${i}`, bad.includes(i) ? '钻石' : '重点客户', `${1000 + i}`, 'sales1']);
  return csvOf(rows);
}

/** A multipart/form-data body as a browser sends it: option fields, then the file. */
function multipart(file: Buffer | string, fileName: string, fields: Record<string, string>) {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(file) ? file : Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(client: Client, body: { payload: Buffer | string; contentType: string }, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `${BASE}/imports${query}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Polls the import until it has ended (the request that started it returned long ago). */
async function finished(client: Client, id: string, query = '') {
  for (let i = 0; i < 600; i++) {
    const res = await client.request('GET', `/api/imports/${id}${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    if (body.status === 'done' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

async function count(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from app_customer_erp.customer`.execute(
    t.database.db,
  );
  return r.rows[0]!.n;
}

describe('imports over HTTP', () => {
  it('a multipart upload runs in the background; progress reaches done with a paginated per-row report', async () => {
    const res = await upload(
      director,
      multipart(customers(20, 'API客户', [3, 11]), '客户.csv', { mode: 'valid_rows_only', key: 'name' }),
    );
    expect(res.statusCode).toBe(202);
    const { id, statusUrl } = res.json();
    expect(statusUrl).toBe(`/api/imports/${id}`);
    const done = await finished(director, id, '?limit=1');
    expect(done).toMatchObject({
      status: 'done',
      outcome: 'committed',
      counts: { rowsRead: 20, rowsCreated: 18, rowsFailed: 2 },
      problemCount: 2,
      problems: [{ row: 5, column: '客户等级', field: 'tier' }],
      limit: 1,
    });
    const second = (await director.request('GET', `/api/imports/${id}?offset=1&limit=10`)).json();
    expect(second.problems).toMatchObject([{ row: 13, column: '客户等级', field: 'tier' }]);
  });

  it('a raw CSV body, all or nothing: one bad row and nothing is written', async () => {
    const before = await count();
    const res = await upload(
      director,
      { payload: customers(10, 'RAW客户', [7]), contentType: 'text/csv' },
      '?mode=all-or-nothing',
    );
    expect(res.statusCode).toBe(202);
    const done = await finished(director, res.json().id);
    expect(done).toMatchObject({
      status: 'done',
      outcome: 'rolled_back',
      counts: { rowsRead: 10, rowsFailed: 1, rowsCreated: 0 },
    });
    expect(done.problems).toMatchObject([{ row: 9, field: 'tier' }]);
    expect(await count()).toBe(before);
  });

  it('an XLSX upload (recognised by its content, whatever its name)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow(['Name', 'Tier', 'Credit limit']);
    sheet.addRow(['XLSX客户', 'Strategic', 5000]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(director, multipart(file, 'upload.bin', {}));
    const done = await finished(director, res.json().id);
    expect(done).toMatchObject({
      status: 'done',
      counts: { rowsCreated: 1 },
      columns: [
        { header: 'Name', field: 'name' },
        { header: 'Tier', field: 'tier' },
        { header: 'Credit limit', field: 'credit_limit' },
      ],
    });
  });

  it('refuses bad options (400 by name) and users without the import permission (403)', async () => {
    const bad = await upload(director, multipart('a\n1', 'x.csv', { mode: 'sometimes', mapping: '{nope' }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['mapping', 'mode']);
    const denied = await upload(sales, multipart(customers(1, 'X'), 'x.csv', {}));
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    const exportDenied = await sales.request('GET', `${BASE}/records/export`);
    expect(exportDenied.statusCode).toBe(403);
  });

  it('refuses options with text the database cannot store (NUL, a lone surrogate): 400 by name, no job', async () => {
    const jobs = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from tessera.imports`.execute(t.database.db))
        .rows[0]!.n;
    const before = await jobs();
    const nul = await upload(
      director,
      { payload: customers(1, 'N'), contentType: 'text/csv' },
      '?key=na%00me',
    );
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().errors).toEqual([expect.objectContaining({ path: 'key' })]);
    const lone = await upload(
      director,
      multipart(customers(1, 'S'), 'x.csv', { mapping: JSON.stringify({ 客户名称: 'name\ud800' }) }),
    );
    expect(lone.statusCode, lone.body).toBe(400);
    expect(lone.json().errors).toEqual([expect.objectContaining({ path: 'mapping.客户名称' })]);
    const named = await upload(director, multipart(customers(1, 'F'), 'a\u0000b.csv', {}));
    expect(named.statusCode, named.body).toBe(400);
    expect(named.json().errors).toEqual([expect.objectContaining({ path: 'fileName' })]);
    expect(await jobs()).toBe(before);
  });

  it('exports CSV (BOM, headers in the language asked) and XLSX; the export re-imports cleanly', async () => {
    const csv = await director.request(
      'GET',
      `${BASE}/records/export?format=csv&lang=en&sort=name&filter=${encodeURIComponent(JSON.stringify({ in: ['API客户', { var: 'name' }] }))}`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Customer code,Name,Tier,Credit level,Credit limit/);
    expect(lines).toHaveLength(19);
    expect(lines[1]).toContain(',API客户0,Key,General,"¥1,000.00"');
    expect(lines[1]).toContain('王小明 (sales)');

    const xlsx = await director.request('GET', `${BASE}/records/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const again = await upload(
      director,
      multipart(xlsx.rawPayload, '客户.xlsx', { key: 'code', duplicates: 'update' }),
    );
    const done = await finished(director, again.json().id);
    expect(done).toMatchObject({
      status: 'done',
      outcome: 'committed',
      counts: { rowsFailed: 0, rowsCreated: 0 },
    });
    expect(done.counts.rowsUnchanged).toBe(await count());

    const badSort = await director.request('GET', `${BASE}/records/export?sort=nope`);
    expect(badSort.statusCode).toBe(400);
  });

  it('the records export defuses formulas in CSV and XLSX (a quote before =, +, -, @)', async () => {
    const payloads = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];
    for (const name of payloads) {
      const res = await director.request('POST', `${BASE}/records`, { name, tier: 'key' });
      expect(res.statusCode).toBe(201);
    }
    const query = `sort=created_at&columns=name&filter=${encodeURIComponent(JSON.stringify({ in: [{ var: 'name' }, payloads] }))}`;
    const csv = await director.request('GET', `${BASE}/records/export?format=csv&lang=en&${query}`);
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      'Name',
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
      "'+cmd|' /C calc'!A0",
      "'@SUM(1+1)",
      "'-2+3",
    ]);
    const xlsx = await director.request('GET', `${BASE}/records/export?format=xlsx&${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const column = workbook.worksheets[0]!.getColumn(1).values.slice(2);
    expect(column).toEqual(payloads.map((p) => `'${p}`));
  });

  it('an import of 1,000 rows leaves planner statistics: EXPLAIN estimates the rows now there', async () => {
    const res = await upload(director, { payload: customers(1000, 'BULK客户'), contentType: 'text/csv' });
    expect(res.statusCode).toBe(202);
    expect(await finished(director, res.json().id)).toMatchObject({
      status: 'done',
      counts: { rowsCreated: 1000 },
    });
    const plan = await sql<{
      'QUERY PLAN': unknown;
    }>`explain (format json) select * from app_customer_erp.customer`.execute(t.database.db);
    const raw = plan.rows[0]!['QUERY PLAN'];
    const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
    expect(json[0]!.Plan['Plan Rows']).toBe(await count());
  }, 120_000);
});
