import { type FieldDefinition, fieldTypeSpec } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A registry SQL cell that is written differently from its type's pattern (for speed) must still
// accept exactly what the pattern allows: a cell SQL takes that the per-row path would refuse
// would be written without its problem in the report.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function sqlAccepts(field: FieldDefinition, cells: readonly string[]): Promise<boolean[]> {
  const cell = fieldTypeSpec(field).sqlCell!(field as never, { text: 'x.t', raw: 'x.c' })!;
  const result = await sql<{ ok: boolean | null }>`select ${sql.raw(cell.accept)} as ok
    from (select u.t, u.t as c, u.o from unnest(${cells}::text[]) with ordinality as u(t, o)) x
    order by x.o`.execute(t.db);
  return result.rows.map((r) => r.ok === true);
}

describe('SQL cells accept what the type allows', () => {
  it('phone: the same numbers as PHONE_PATTERN, lengths at both bounds', async () => {
    const field = { id: 'f_phone', key: 'phone', type: 'phone', label: { en: 'Phone' } } as FieldDefinition;
    const pattern = new RegExp(
      (fieldTypeSpec(field).value(field as never, () => ({})) as { pattern: string }).pattern,
    );
    const digits = (n: number) => '1'.repeat(n);
    const cells = [
      '13800000000',
      '+86 138 0000 0000',
      '(021) 5555-1234',
      '021.5555.1234',
      digits(4), // the middle part 2 long: too short
      digits(5),
      `+${digits(5)}`,
      `+${digits(4)}`,
      digits(32),
      digits(33), // the middle part 31 long: too long
      `+${digits(32)}`,
      `+${digits(33)}`,
      '++12345',
      '+ 12345',
      '12345-',
      '-12345',
      '1234 5',
      '12a45',
      'call me',
      '１２３４５', // full-width digits are not [0-9]
    ];
    const expected = cells.map((c) => pattern.test(c));
    expect(expected.filter(Boolean).length).toBeGreaterThan(5);
    expect(expected.filter((x) => !x).length).toBeGreaterThan(5);
    expect(await sqlAccepts(field, cells)).toEqual(expected);
  });
});
