import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldTypeSwitches } from '../../../scripts/field-type-switches';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/**
 * Behaviour per field type lives in the registry (FIELD_TYPE_SPECS) or in an engine's
 * `Record<FieldType, …>` table, which the compiler checks for completeness; a `switch` with a
 * `default` branch lets a new type slip through silently. This fails CI on a new one.
 */
describe('no switch over field types outside the registry', () => {
  it('finds none in the engines, the server, the web app and the benches', () => {
    expect(fieldTypeSwitches(repoRoot)).toEqual([]);
  }, 60_000);

  const fixture = mkdtempSync(join(tmpdir(), 'field-type-switch-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('names a switch over field types with its file and line, not one over another union or a string', () => {
    mkdirSync(join(fixture, 'packages', 'demo', 'src'), { recursive: true });
    mkdirSync(join(fixture, 'apps'), { recursive: true });
    writeFileSync(
      join(fixture, 'packages', 'demo', 'src', 'cell.ts'),
      [
        "type Kind = 'money' | 'rating';",
        "type Assignee = 'user' | 'role' | 'manager';",
        'export function cell(kind: Kind, who: Assignee, s: string): string {',
        "  switch (who) { case 'user': return 'u'; case 'role': return 'r'; default: return 'm'; }",
        "  switch (s) { case 'text': return 's'; case 'json': return 'j'; }",
        '  switch (kind) {',
        "    case 'money': return 'm';",
        "    case 'rating': return 'r';",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(fieldTypeSwitches(fixture)).toEqual([
      { file: join('packages', 'demo', 'src', 'cell.ts'), line: 6, cases: ['money', 'rating'] },
    ]);
  }, 60_000);
});
