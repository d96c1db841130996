import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPackZip } from '@tessera/packs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, ok, records, startErp } from '../../__tests__/customer-erp-kit';
import { DEFAULT_DEMO_PACK } from '../../bootstrap/demo';

/**
 * The Customer ERP pack's logo and company stamp (prints/assets/): applying the pack puts their
 * bytes in the file storage (the rows name the keys), the quote's PDF embeds both, and an export
 * carries them back byte for byte.
 */
let erp: ErpHarness;
const asset = (name: string) => readFileSync(join(DEFAULT_DEMO_PACK, 'prints/assets', name));

beforeAll(async () => {
  erp = await startErp({ start: '2027-03-01T01:00:00Z' });
});
afterAll(() => erp?.close());

describe('print images of a pack', () => {
  it('stores them in the file storage, not in the database', async () => {
    const rows = await sql<{
      name: string;
      storage_key: string | null;
      content: Buffer | null;
      size: number;
    }>`
      select s.name, s.storage_key, s.content, s.size from tessera.print_assets s
      join tessera.apps a on a.id = s.app_id where a.key = ${APP} order by s.name`.execute(erp.db);
    expect(rows.rows.map((r) => r.name)).toEqual(['logo.png', 'stamp.png']);
    for (const row of rows.rows) {
      expect(row.content).toBeNull();
      expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
      expect(await erp.t.files.head(row.storage_key!)).toEqual({ size: asset(row.name).length });
    }
  });

  it("prints the logo and the stamp on a quote; pdfimages lists both at the pack's pixel sizes", async () => {
    const customer = await ok(
      erp.admin.request('POST', records('customer'), { name: '杭州西湖精密机械有限公司' }),
      201,
    );
    const product = await ok(
      erp.admin.request('POST', records('product'), { name: '离心泵', list_price: { amount: '800' } }),
      201,
    );
    const quote = await ok(
      erp.admin.request('POST', records('quote'), {
        customer: customer.id,
        quote_date: '2027-03-01',
        status: 'draft',
        items: [{ product: product.id, quantity: 2, unit_price: { amount: '750.00' } }],
      }),
      201,
    );
    const res = await erp.admin.request('GET', `${records('quote')}/${quote.id}/print/quote`);
    expect(res.statusCode, res.body).toBe(200);
    const file = join(await mkdtemp(join(tmpdir(), 'print-assets-')), 'quote.pdf');
    writeFileSync(file, res.rawPayload);
    // "page num type width height color comp bpc enc interp object ID …"; an alpha channel is an smask
    const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image')
      .map((cols) => `${cols[3]}x${cols[4]}`)
      .sort();
    expect(listed).toEqual(['300x300', '480x120']);
    expect(res.rawPayload.length).toBeLessThan(150_000);
  });

  it('exports them with the pack, byte for byte', async () => {
    const res = await erp.admin.request('GET', `/api/apps/${APP}/export`);
    expect(res.statusCode).toBe(200);
    const loaded = await loadPackZip(res.rawPayload);
    const exported = new Map((loaded.assetFiles ?? []).map((f) => [f.path, f.bytes]));
    expect(exported.get('prints/assets/logo.png')?.equals(asset('logo.png'))).toBe(true);
    expect(exported.get('prints/assets/stamp.png')?.equals(asset('stamp.png'))).toBe(true);
  });
});
