import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/customer-erp');
export const APP = 'customer_erp';

/** The columns of a customer sheet as a Chinese user writes it (labels in zh-CN). */
export const ZH_HEADERS = [
  '客户名称',
  '客户等级',
  '信用等级',
  '信用额度',
  '账期（天）',
  '行业',
  '城市',
  '电话',
  '网址',
  '负责销售',
  '最近跟进日期',
];

/** Why a bad row is bad: one per kind, cycled, so every reason of the report is exercised. */
export const BAD_KINDS = [
  { column: '客户等级', field: 'tier', cell: '钻石客户', message: /not one of the options/ },
  { column: '信用额度', field: 'credit_limit', cell: '一百万', message: /not an amount of money/ },
  { column: '信用额度', field: 'credit_limit', cell: '-500', message: /0|minimum|less/ },
  { column: '账期（天）', field: 'payment_terms_days', cell: '400', message: /365/ },
  { column: '最近跟进日期', field: 'last_follow_up', cell: '2026/13/45', message: /not a calendar date/ },
  { column: '电话', field: 'phone', cell: 'call me', message: /phone/ },
  { column: '负责销售', field: 'owner', cell: 'nobody_here', message: /no user/ },
  { column: '网址', field: 'website', cell: 'not a url', message: /url|URL|uri/ },
  { column: '客户名称', field: 'name', cell: '', message: /required/ },
  { column: '信用等级', field: 'credit_level', cell: 'AAA+', message: /not one of the options/ },
] as const;

const TIERS = ['战略客户', 'key', 'Normal', '普通客户'];
const CREDIT = ['优秀', 'good', '一般', 'Poor'];
const INDUSTRY = ['制造业', 'retail', '建筑', 'IT', '物流'];
const CITIES = ['苏州', '上海', '沈阳', '深圳', '成都'];
const OWNERS = ['sales1', 'sales2', 'SALES1'];

export interface CustomerSheet {
  readonly rows: string[][];
  /** Sheet row numbers (header = 1) of the bad rows → the kind of problem planted there. */
  readonly bad: Map<number, (typeof BAD_KINDS)[number]>;
}

/** `count` customer rows; `badEvery`: rows i with i % 100 < badPer100 are bad (so 3 ⇒ exactly 3 %). */
export function customerSheet(
  count: number,
  options: { badPer100?: number; prefix?: string } = {},
): CustomerSheet {
  const rows: string[][] = [ZH_HEADERS];
  const bad = new Map<number, (typeof BAD_KINDS)[number]>();
  const per100 = options.badPer100 ?? 0;
  const prefix = options.prefix ?? '测试客户';
  for (let i = 0; i < count; i++) {
    const row = [
      `${prefix}${String(i).padStart(6, '0')}有限公司`,
      TIERS[i % TIERS.length]!,
      CREDIT[i % CREDIT.length]!,
      i % 2 === 0 ? `¥${(10000 + i * 7).toLocaleString('en-US')}.50` : `${20000 + i}`,
      String(15 + (i % 4) * 15),
      INDUSTRY[i % INDUSTRY.length]!,
      CITIES[i % CITIES.length]!,
      `138 ${String(i).padStart(4, '0')} ${String(i % 9973).padStart(4, '0')}`,
      i % 3 === 0 ? `https://c${i}.example.cn` : '',
      OWNERS[i % OWNERS.length]!,
      i % 2 === 0
        ? `2026/${(i % 12) + 1}/${(i % 28) + 1}`
        : `2026-${String((i % 12) + 1).padStart(2, '0')}-05`,
    ];
    if (i % 100 < per100) {
      const kind = BAD_KINDS[(Math.floor(i / 100) * per100 + (i % 100)) % BAD_KINDS.length]!;
      row[ZH_HEADERS.indexOf(kind.column)] = kind.cell;
      bad.set(i + 2, kind);
    }
    rows.push(row);
  }
  return { rows, bad };
}

/** Rows as CSV text (RFC 4180 quoting), with a UTF-8 BOM like Excel writes. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** The Customer ERP pack applied (no demo rows) and the demo users (one per role); returns user ids by name. */
export async function installCustomerErp(
  db: import('kysely').Kysely<any>,
): Promise<ReadonlyMap<string, string>> {
  const { applyPack, ensureDemoOrg, loadPackFolder, planPack } = await import('@tessera/packs');
  const loaded = await loadPackFolder(PACK_DIR);
  const planned = await planPack(db, loaded);
  if (!planned.ok) throw new Error(`pack refused: ${JSON.stringify(planned.errors.slice(0, 3))}`);
  await applyPack(db, loaded, planned.plan);
  return (await ensureDemoOrg(db)).users;
}

/** Live records of a form, counted in SQL (independent of the code under test). */
export async function countRecords(db: import('kysely').Kysely<any>, form: string): Promise<number> {
  const { sql } = await import('kysely');
  const result = await sql<{ n: string | number }>`
    select count(*) as n from ${sql.table(`app_${APP}.${form}`)} where deleted_at is null`.execute(db);
  return Number(result.rows[0]!.n);
}
