import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForm, testService } from '../../__fixtures__/forms-test-kit';
import type { FormService } from '../../form.service';
import { ident, qualified } from '../identifier';

/**
 * Random sequences of schema edits on a populated table: after every step each original value
 * is still there — under its field's current key and type — or the edit was refused and the
 * published version did not move. Never a silent loss.
 */
const ROWS = 60;
const label = (en: string) => ({ en });
const OPTION_POOL = ['lead', 'won', 'lost', '1', '22'] as const;
const KEY_POOL = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'] as const;
const TEXT_VALUES = ['1', '22', 'abc', '3.5', '-7', '007', 'lead', 'won', 'x y', 'true'];

type Shape =
  | { type: 'text'; maxLength?: number }
  | { type: 'long_text' }
  | { type: 'integer' }
  | { type: 'number'; precision?: number; scale?: number }
  | { type: 'single_select'; options: readonly string[] };

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), maxLength: fc.constantFrom(2, 3, 50) }),
  fc.constant({ type: 'text' as const }),
  fc.constant({ type: 'long_text' as const }),
  fc.constant({ type: 'integer' as const }),
  fc.constant({ type: 'number' as const }),
  fc.constant({ type: 'number' as const, precision: 6, scale: 2 }),
  fc.record({
    type: fc.constant('single_select' as const),
    options: fc.uniqueArray(fc.constantFrom(...OPTION_POOL), { minLength: 1, maxLength: 5 }),
  }),
);

type Edit =
  | { op: 'add'; shape: Shape }
  | { op: 'rename'; pick: number; key: string }
  | { op: 'delete'; pick: number }
  | { op: 'retype'; pick: number; shape: Shape }
  | { op: 'require'; pick: number; required: boolean };

// Type changes are where data is at risk: they get most of the weight.
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('add' as const), shape: shapeArb }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      pick: fc.nat(),
      key: fc.constantFrom(...KEY_POOL),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), shape: shapeArb }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ op: fc.constant('require' as const), pick: fc.nat(), required: fc.boolean() }),
    weight: 1,
  },
);

function field(id: string, key: string, shape: Shape, required = false): FieldDefinition {
  const common = { id, key, label: label(key), ...(required ? { required } : {}) };
  if (shape.type === 'single_select') {
    return {
      ...common,
      type: 'single_select',
      options: shape.options.map((v) => ({ value: v, label: label(v) })),
    };
  }
  return { ...common, ...shape } as FieldDefinition;
}

function shapeOf(f: FieldDefinition): Shape {
  switch (f.type) {
    case 'single_select':
      return { type: 'single_select', options: f.options.map((o) => o.value) };
    case 'text':
      return f.maxLength === undefined ? { type: 'text' } : { type: 'text', maxLength: f.maxLength };
    case 'number':
      return f.precision === undefined
        ? { type: 'number' }
        : { type: 'number', precision: f.precision, scale: f.scale ?? 0 };
    case 'integer':
    case 'long_text':
      return { type: f.type };
    default:
      throw new Error(`not used here: ${f.type}`);
  }
}

/** Values compare as numbers when both read as numbers (5 = 5.00), else as text. */
function canonical(value: string | null): string | null {
  if (value === null) return null;
  return /^-?\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value;
}

let t: TestDatabase;
let service: FormService;
let run = 0;
beforeAll(async () => {
  t = await createTestDatabase();
  service = testService(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function readAll(app: string, form: FormDefinition): Promise<Map<string, Map<string, string | null>>> {
  const out = new Map<string, Map<string, string | null>>();
  for (const f of form.fields) {
    const r = await sql<{
      id: string;
      v: string | null;
    }>`select id::text as id, ${sql.raw(ident(f.key))}::text as v
      from ${sql.raw(qualified(`app_${app}`, 'item'))}`.execute(t.db);
    out.set(f.id, new Map(r.rows.map((row) => [row.id, canonical(row.v)])));
  }
  return out;
}

describe('no silent loss under random schema edits', () => {
  it('keeps every value or refuses the edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 8 }), async (edits) => {
        const app = `p${++run}`;
        await service.ensureApp(app);
        let form: FormDefinition = {
          key: 'item',
          title: label('Item'),
          fields: [
            field('f1', 'name', { type: 'text' }),
            field('f2', 'qty', { type: 'integer' }),
            field('f3', 'price', { type: 'number', precision: 6, scale: 2 }),
            field('f4', 'stage', { type: 'single_select', options: ['lead', 'won', '1', '22'] }),
          ],
        };
        await publishForm(service, app, form);
        await sql`insert into ${sql.raw(qualified(`app_${app}`, 'item'))} (name, qty, price, stage)
          select (${TEXT_VALUES}::text[])[1 + i % ${TEXT_VALUES.length}], i * 7 - 100, i * 1.25,
                 (array['lead', 'won', '1', '22'])[1 + i % 4]
          from generate_series(1, ${ROWS}) as i`.execute(t.db);
        await sql`update ${sql.raw(qualified(`app_${app}`, 'item'))} set name = null where qty % 5 = 0`.execute(
          t.db,
        );
        const expected = await readAll(app, form);
        let nextId = 5;

        for (const edit of edits) {
          const live = form.fields.filter((f) => f.deleted !== true);
          const at = (pick: number) => live[pick % Math.max(live.length, 1)];
          let fields = live;
          if (edit.op === 'add') {
            const id = `f${nextId++}`;
            fields = [...live, field(id, `new_${id}`, edit.shape)];
          } else {
            const target = at(edit.pick);
            if (!target) continue;
            fields = live.flatMap((f) => {
              if (f.id !== target.id) return [f];
              switch (edit.op) {
                case 'rename':
                  return [{ ...f, key: edit.key }];
                case 'delete':
                  return [];
                case 'retype':
                  return [field(f.id, f.key, edit.shape, f.required === true)];
                case 'require':
                  return [field(f.id, f.key, shapeOf(f), edit.required)];
                default:
                  return [f];
              }
            });
          }
          const before = await service.getPublished(app, 'item');
          const draft = await service.saveDraft(app, { ...form, fields });
          // An invalid draft (e.g. two fields renamed to one key) is refused before any plan.
          const result = draft.ok ? await service.publish(app, 'item', draft.version) : null;
          if (result?.ok) {
            form = result.plan.definition;
            for (const f of form.fields) if (!expected.has(f.id)) expected.set(f.id, new Map());
          } else {
            if (result) expect(result.plan.refusals.length).toBeGreaterThan(0);
            expect((await service.getPublished(app, 'item'))?.version).toBe(before?.version);
            await service.discardDraft(app, 'item');
          }
          const actual = await readAll(app, form);
          for (const [fieldId, values] of expected) {
            for (const [rowId, value] of values) {
              expect({ fieldId, rowId, value: actual.get(fieldId)?.get(rowId) }).toEqual({
                fieldId,
                rowId,
                value,
              });
            }
          }
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  }, 300_000);
});
