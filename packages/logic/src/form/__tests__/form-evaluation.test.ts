import type { FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import type { EvalContext } from '../../logic.types';
import { evaluateForm, type FormEvaluation } from '../form-evaluation';
import { compileFormLogic, computeFormulas, fieldStates } from '../form-logic';
import { logicDependencies } from '../logic-dependencies';

const label = { en: 'x' };
const row = (key: string, type: string, extra: Record<string, unknown> = {}) => ({
  id: `f_${key}`,
  key,
  type,
  label,
  ...extra,
});

/** A form exercising every kind of edge: chains, a forward reference, money, the clock, rows, sums. */
const FIELDS = [
  row('name', 'text'),
  row('qty', 'number'),
  row('price', 'money', { currency: 'CNY' }),
  // reads a formula defined after it: sees what the values hold for it, as on the server
  row('early', 'formula', { resultType: 'number', expression: { '+': [{ var: 'late' }, 1] } }),
  row('amount', 'formula', {
    resultType: 'money',
    currency: 'CNY',
    scale: 2,
    expression: { '*': [{ coalesce: [{ var: 'qty' }, 0] }, { coalesce: [{ var: 'price' }, 0] }] },
  }),
  row('late', 'formula', { resultType: 'number', expression: { '*': [{ var: 'amount' }, 2] } }),
  row('shout', 'formula', { resultType: 'text', expression: { cat: [{ var: 'name' }, '!'] } }),
  row('age', 'formula', {
    resultType: 'number',
    expression: { date_diff: [{ today: [] }, '2026-01-01', 'day'] },
  }),
  row('note', 'text', {
    visibleWhen: { '!=': [{ var: 'name' }, 'hide'] },
    requiredWhen: { '>': [{ var: 'late' }, 100] },
  }),
  row('big', 'text', { visibleWhen: { some: [{ var: 'items' }, { '>': [{ var: 'qty' }, 3] }] } }),
  row('missing', 'text', { requiredWhen: { missing: ['name', 'qty'] } }),
  row('items', 'line_items', {
    fields: [
      row('item', 'text'),
      row('qty', 'integer'),
      row('price', 'number'),
      row('line', 'formula', {
        resultType: 'number',
        scale: 2,
        expression: { '*': [{ coalesce: [{ var: 'qty' }, 0] }, { coalesce: [{ var: 'price' }, 0] }] },
      }),
      row('memo', 'text', {
        visibleWhen: { '>': [{ var: 'qty' }, 0] },
        requiredWhen: { '>': [{ var: 'line' }, 50] },
      }),
    ],
  }),
  row('total', 'formula', {
    resultType: 'number',
    scale: 2,
    expression: { sum: [{ var: 'items' }, { var: 'line' }] },
  }),
  row('rows', 'formula', { resultType: 'integer', expression: { count: [{ var: 'items' }] } }),
] as unknown as FormDefinition['fields'];

const logic = compileFormLogic({ fields: FIELDS });
/** The same with a row formula that reads a later one: computed rows handed back are computed again. */
const FORWARD = (FIELDS as unknown as Record<string, unknown>[]).map((f) =>
  f.key === 'items'
    ? {
        ...f,
        fields: [
          row('ahead', 'formula', { resultType: 'number', expression: { '+': [{ var: 'line' }, 1] } }),
          ...(f.fields as unknown[]),
        ],
      }
    : f,
) as unknown as FormDefinition['fields'];
const user = { id: 'u1' };
const at = (day: string): EvalContext => ({ now: new Date(`${day}T08:00:00Z`), timeZone: 'Asia/Shanghai' });

const full = (
  values: Record<string, unknown>,
  ctx: EvalContext,
  logic = compileFormLogic({ fields: FIELDS }),
) => {
  const computed = computeFormulas(logic, values, user, ctx);
  return { computed, states: fieldStates(logic, computed, user, ctx) };
};

/** A seeded generator, so a failure repeats. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

type Values = Record<string, unknown>;
type Edit = (v: Values, pick: () => number) => Values;
const int = (pick: () => number, n: number) => Math.floor(pick() * n);
const EDITS: Edit[] = [
  (v, p) => ({ ...v, name: ['hide', 'a', 'ab', null][int(p, 4)] }),
  (v, p) => ({ ...v, qty: [null, 0, 3, 40][int(p, 4)] }),
  (v, p) => ({
    ...v,
    price: [null, { amount: '2.50', currency: 'CNY' }, { amount: '1', currency: 'CNY' }][int(p, 3)],
  }),
  (v, p) => ({ ...v, late: int(p, 300) }), // a formula's key set by hand: formulas before it read it
  (v, p) => {
    const rows = [...((v.items as Values[]) ?? [])];
    if (rows.length === 0) return { ...v, items: [{ qty: 1 }] };
    const i = int(p, rows.length);
    rows[i] = { ...rows[i], [['qty', 'price', 'item'][int(p, 3)]!]: int(p, 8) };
    return { ...v, items: rows };
  },
  (v, p) => ({ ...v, items: [...((v.items as Values[]) ?? []), { qty: int(p, 6), price: 10 }] }),
  (v, p) => ({ ...v, items: ((v.items as Values[]) ?? []).filter((_, i) => i !== int(p, 3)) }),
  (v) => ({ ...v, items: [...((v.items as Values[]) ?? [])].reverse() }),
  (v) => ({ ...v, items: ((v.items as Values[]) ?? []).map((r) => ({ ...r })) }), // every row a new object
  (v) => ({ ...v }), // nothing changed
];

describe('evaluateForm', () => {
  it.each([
    ['the form', FIELDS],
    ['a form whose row formula reads a later one', FORWARD],
  ])(
    'agrees with computeFormulas + fieldStates (the server) after many random edits: %s',
    (_name, fields) => {
      const logic = compileFormLogic({ fields });
      for (const seed of [1, 2, 3, 4, 5]) {
        const pick = random(seed);
        let values: Values = { name: 'a', qty: 2, price: { amount: '3.00', currency: 'CNY' }, items: [] };
        let evaluation: FormEvaluation | null = null;
        for (let step = 0; step < 300; step++) {
          // the line-items editor edits the computed rows it shows
          if (evaluation && pick() < 0.5) values = { ...values, items: evaluation.computed.items };
          values = EDITS[int(pick, EDITS.length)]!(values, pick);
          const ctx = at(step % 50 === 49 ? '2026-03-02' : '2026-03-01'); // the clock moves now and then
          evaluation = evaluateForm(logic, values, user, ctx, evaluation);
          const expected = full(values, ctx, logic);
          expect({ seed, step, computed: evaluation.computed }).toEqual({
            seed,
            step,
            computed: expected.computed,
          });
          expect({ seed, step, states: evaluation.states }).toEqual({ seed, step, states: expected.states });
        }
      }
    },
  );

  it('typing in row 150 of 200 computes that row only; the others, and unaffected states, keep their identity', () => {
    const logic = compileFormLogic({ fields: FIELDS });
    const items = Array.from({ length: 200 }, (_, i) => ({ item: `r${i}`, qty: i % 5, price: 10 }));
    const first = evaluateForm(logic, { name: 'a', qty: 1, items }, user, at('2026-03-01'));
    const typed = (first.computed.items as Values[]).slice(); // as the editor hands them back
    typed[150] = { ...typed[150]!, qty: 7 };
    const next = evaluateForm(logic, { name: 'a', qty: 1, items: typed }, user, at('2026-03-01'), first);
    const rows = next.computed.items as Values[];
    const before = first.computed.items as Values[];
    expect(rows[150]!.line).toBe(70);
    expect(next.computed.total).toBe((first.computed.total as number) + 70 - 0);
    expect(rows.filter((r, i) => r !== before[i]).map((r) => r.item)).toEqual(['r150']);
    const states = next.states.rows.items!;
    expect(states.filter((s, i) => s !== first.states.rows.items![i])).toHaveLength(1);
    expect(next.states.fields.note).toBe(first.states.fields.note);
    expect(next.computed.shout).toBe('a!');
  });

  it('keeps the states object when nothing a rule reads changed', () => {
    const items = [{ qty: 1 }];
    const first = evaluateForm(logic, { name: 'a', items }, user, at('2026-03-01'));
    const next = evaluateForm(logic, { name: 'ab', items }, user, at('2026-03-01'), first);
    expect(next.states).toBe(first.states);
    expect(next.computed.shout).toBe('ab!');
  });

  it('starts over for another user', () => {
    const first = evaluateForm(logic, { name: 'a' }, user, at('2026-03-01'));
    const other = evaluateForm(logic, { name: 'a' }, { id: 'u2' }, at('2026-03-01'), first);
    expect(other.userId).toBe('u2');
    expect(other.rowData).not.toBe(first.rowData);
  });
});

describe('logicDependencies', () => {
  it.each([
    ['a var', { var: 'qty' }, ['qty'], false],
    [
      'a dotted path and a default',
      { var: ['price.amount', { var: 'fallback' }] },
      ['price', 'fallback'],
      false,
    ],
    ['a money currency', { '==': [{ var: 'price__currency' }, 'CNY'] }, ['price'], false],
    [
      'per-element arguments read the element',
      { sum: [{ var: 'items' }, { var: 'line' }] },
      ['items'],
      false,
    ],
    [
      'reduce: the initial value is the record`s',
      { reduce: [{ var: 'items' }, { var: 'current' }, { var: 'x' }] },
      ['items', 'x'],
      false,
    ],
    ['missing names its keys', { missing: ['a', 'b'] }, ['a', 'b'], false],
    ['missing_some', { missing_some: [1, ['a', 'b']] }, ['a', 'b'], false],
    ['the clock', { '>': [{ var: 'due' }, { today: [] }] }, ['due'], true],
    ['a computed name', { var: { cat: ['a', 'b'] } }, [], true],
    ['the whole data', { var: '' }, [], true],
  ])('%s', (_name, expression, keys, everything) => {
    const deps = logicDependencies(expression);
    expect([...deps.keys].sort()).toEqual([...keys].sort());
    expect(deps.everything).toBe(everything);
  });
});
