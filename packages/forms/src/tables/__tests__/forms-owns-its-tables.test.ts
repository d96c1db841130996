import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/**
 * What other engines may not do with tables (the forms engine owns the app tables, see
 * record-table.sql.ts; system tables are read by explicit columns, see SystemDatabase):
 */
const FORBIDDEN: ReadonlyArray<{ readonly pattern: RegExp; readonly why: string }> = [
  { pattern: /\bselect\s+(?:distinct\s+)?(?:[a-z_]\w*\.)?\*/i, why: 'select * (name the columns)' },
  { pattern: /\.selectAll\(/, why: 'selectAll() (name the columns)' },
  {
    pattern: /[`'"]app_(?:\$\{|[`'"]\s*\+)/,
    why: 'a hand-built app schema name (use recordTable / lineItemsTable of @tessera/forms)',
  },
  {
    pattern: /\b(?:appSchemaName|childTableName)\s*\(/,
    why: 'a hand-built app table name (use recordTable / lineItemsTable of @tessera/forms)',
  },
];

/** Production sources outside packages/forms: engine packages and the server (tests may look inside tables). */
function sources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === '__tests__' || name === '__fixtures__' || name === 'testing')
        continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs)$/.test(name) && !/\.(test|bench)\.ts$/.test(name)) out.push(path);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    if (pkg !== 'forms') walk(join(root, 'packages', pkg, 'src'));
  }
  walk(join(root, 'apps', 'server', 'src'));
  return out;
}

function tableOwnershipViolations(root: string): string[] {
  const found: string[] = [];
  for (const file of sources(root)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line)) return; // comments may show SQL
        for (const rule of FORBIDDEN) {
          if (rule.pattern.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${rule.why}`);
        }
      });
  }
  return found;
}

describe('the forms engine owns its tables', () => {
  it('no package outside forms builds an app table name or selects * from a table', () => {
    expect(tableOwnershipViolations(repoRoot)).toEqual([]);
  });

  it('each rule catches what it is for', () => {
    const caught = (line: string) => FORBIDDEN.filter((r) => r.pattern.test(line)).map((r) => r.why);
    const $ = '$'; // source text with placeholders, not a template
    expect(caught('sql`select * from tessera.imports`')).toHaveLength(1);
    expect(caught(`sql\`select t.*, 1 from ${$}{table}\``)).toHaveLength(1);
    expect(caught('db.selectFrom("tessera.users").selectAll()')).toHaveLength(1);
    expect(caught(`sql.table(\`app_${$}{app}.${$}{form}\`)`)).toHaveLength(1);
    expect(caught("const schema = 'app_' + appKey;")).toHaveLength(1);
    expect(caught('qualified(appSchemaName(app), form)')).toHaveLength(1);
    expect(caught(`sql\`select count(*) from ${$}{recordTable(app, form)}\``)).toEqual([]);
    expect(caught("addColumn('app_key', 'text')")).toEqual([]);
  });
});
