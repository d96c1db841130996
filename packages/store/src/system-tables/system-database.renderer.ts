import { type Kysely, sql } from 'kysely';

/** One column of a `tessera.*` table as the catalogue describes it. */
export interface CatalogColumn {
  readonly table: string;
  readonly column: string;
  /** `udt_name`: int4, text, _text, timestamptz, … */
  readonly type: string;
  readonly nullable: boolean;
  /** Has a default or is an identity column: optional on insert. */
  readonly generated: boolean;
}

/** The columns of every table of the `tessera` schema, in table and column order. */
export async function readSystemCatalog(db: Kysely<any>): Promise<CatalogColumn[]> {
  const result = await sql<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>`select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity
     from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'tessera' and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`.execute(db);
  return result.rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    type: r.udt_name,
    nullable: r.is_nullable === 'YES',
    generated: r.column_default !== null || r.is_identity === 'YES',
  }));
}

/**
 * TypeScript of a Postgres type as this store's pools return it (pg-types.ts): int8 a number,
 * numeric text (money), date `YYYY-MM-DD` text, timestamps Date, json parsed.
 */
const TS_TYPE: Readonly<Record<string, string>> = {
  bool: 'boolean',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  uuid: 'string',
  inet: 'string',
  date: 'string',
  timestamptz: 'Date',
  timestamp: 'Date',
  json: 'JsonValue',
  jsonb: 'JsonValue',
  bytea: 'Buffer',
};

function tsType(udt: string): string {
  if (udt.startsWith('_')) return `${tsType(udt.slice(1))}[]`;
  const found = TS_TYPE[udt];
  if (!found) throw new Error(`no TypeScript type for Postgres type ${udt}: add it to TS_TYPE`);
  return found;
}

const pascal = (name: string) =>
  name
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

/** A column's kysely type: plain, `Generated<…>` when insert may leave it out; timestamps take Date or text. */
function columnType(c: CatalogColumn): string {
  const type = tsType(c.type);
  if (type === 'Date') {
    if (!c.nullable && !c.generated) return 'Timestamp';
    return `Timestamp<${c.nullable ? 'null' : 'never'}${c.generated ? ', undefined' : ''}>`;
  }
  const value = c.nullable ? `${type} | null` : type;
  return c.generated ? `Generated<${value}>` : value;
}

/** The source of `system-database.ts`: one interface per table and the `SystemDatabase` map. */
export function renderSystemDatabase(columns: readonly CatalogColumn[]): string {
  const tables = new Map<string, CatalogColumn[]>();
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
  const out: string[] = [
    '// Generated from the migrations by system-database.test.ts (`pnpm exec vitest run',
    '// packages/store/src/system-tables -u` after a migration); do not edit by hand.',
    "import type { ColumnType, Generated } from 'kysely';",
    '',
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };',
    '/** A timestamp: read as a Date, written as a Date or ISO text (`N`: null, `I`: optional on insert). */',
    'export type Timestamp<N = never, I = never> = ColumnType<Date | N, Date | string | N | I, Date | string | N>;',
    '',
  ];
  for (const [table, cols] of tables) {
    out.push(`export interface ${pascal(table)}Table {`);
    for (const c of cols) out.push(`  ${c.column}: ${columnType(c)};`);
    out.push('}', '');
  }
  out.push(
    '/** The `tessera.*` system tables, for `Kysely<SystemDatabase>` (see `systemTables`). */',
    'export interface SystemDatabase {',
  );
  for (const table of tables.keys()) out.push(`  'tessera.${table}': ${pascal(table)}Table;`);
  out.push('}', '');
  return out.join('\n');
}
