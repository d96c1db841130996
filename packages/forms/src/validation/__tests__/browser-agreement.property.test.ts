import {
  computeFormulas as browserFormulas,
  compileFormLogic,
  evaluateForm,
  type FormEvaluation,
  fieldStates,
} from '@tessera/logic/browser';
import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFormulas as serverFormulas } from '../../formulas/formula.evaluator';
import { formRuntime } from '../../records/form-runtime';
import { isEmpty } from '../../records/record-field';
import { checkRecord } from '../record.validator';

/**
 * The web app runs a form's rules in the browser through @tessera/logic/browser; the forms engine
 * runs them on write. For random forms (formulas, visible-when, required-when over numbers, money,
 * selects, booleans and line items) and random values, both must compute the same formulas and
 * the browser must mark exactly the fields required that the server refuses as missing.
 */
const ctx = { now: new Date('2026-03-01T10:00:00Z'), timeZone: 'Asia/Shanghai' };
const user = { id: '00000000-0000-4000-8000-000000000001' };
const label = (en: string) => ({ en });

const numberVar = fc.constantFrom('a', 'b', 'price', 'subtotal');
const numExpr: fc.Arbitrary<unknown> = fc.letrec<{ e: unknown }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ var: numberVar }),
    fc.integer({ min: -50, max: 50 }),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', 'max', 'min'), tie('e'), tie('e')).map(([op, x, y]) => ({
      [op]: [x, y],
    })),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => ({ if: [{ '>': [{ var: 'a' }, 0] }, x, y] })),
  ),
})).e;

const condition: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.constantFrom('>', '<', '==', '>=', '!='), numberVar, fc.integer({ min: -20, max: 20 }))
    .map(([op, v, n]) => ({ [op]: [{ var: v }, n] })),
  fc.constantFrom('open', 'won', 'lost').map((s) => ({ '==': [{ var: 'stage' }, s] })),
  fc.constant({ var: 'rush' }),
  fc.constant({ '!': [{ var: 'rush' }] }),
  fc.constant({ in: [{ var: 'price__currency' }, ['CNY', 'USD']] }),
);

const rule = fc.record(
  { visibleWhen: condition, requiredWhen: condition, required: fc.boolean() },
  { requiredKeys: [] },
);

const formArb = fc
  .tuple(rule, rule, rule, rule, numExpr, numExpr, numExpr, fc.constantFrom(0, 2, undefined))
  .map(([ra, rb, rnote, rstage, f1, f2, rowExpr, scale]): FormDefinition => {
    const fields: FieldDefinition[] = [
      { id: 'a', key: 'a', type: 'number', label: label('A'), ...ra } as FieldDefinition,
      { id: 'b', key: 'b', type: 'integer', label: label('B'), ...rb } as FieldDefinition,
      { id: 'p', key: 'price', type: 'money', label: label('Price'), currency: 'CNY' },
      { id: 'r', key: 'rush', type: 'boolean', label: label('Rush') },
      {
        id: 's',
        key: 'stage',
        type: 'single_select',
        label: label('Stage'),
        options: ['open', 'won', 'lost'].map((v) => ({ value: v, label: label(v) })),
        ...rstage,
      } as FieldDefinition,
      { id: 'n', key: 'note', type: 'text', label: label('Note'), ...rnote } as FieldDefinition,
      {
        id: 'i',
        key: 'items',
        type: 'line_items',
        label: label('Items'),
        fields: [
          { id: 'q', key: 'qty', type: 'integer', label: label('Qty') },
          {
            id: 'u',
            key: 'unit',
            type: 'number',
            label: label('Unit'),
            requiredWhen: { '>': [{ var: 'qty' }, 5] },
          },
          {
            id: 'l',
            key: 'line',
            type: 'formula',
            label: label('Line'),
            resultType: 'number',
            expression: { '*': [{ var: 'qty' }, { var: 'unit' }] },
          },
          {
            id: 'x',
            key: 'odd',
            type: 'formula',
            label: label('Odd'),
            resultType: 'number',
            expression: rowExpr,
          },
        ],
      } as FieldDefinition,
      {
        id: 'st',
        key: 'subtotal',
        type: 'formula',
        label: label('Subtotal'),
        resultType: 'number',
        scale: 2,
        expression: {
          reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.line' }] }, 0],
        },
      } as FieldDefinition,
      {
        id: 'f1',
        key: 'f1',
        type: 'formula',
        label: label('F1'),
        resultType: 'number',
        ...(scale === undefined ? {} : { scale }),
        expression: f1,
      } as FieldDefinition,
      {
        id: 'f2',
        key: 'f2',
        type: 'formula',
        label: label('F2'),
        resultType: 'integer',
        expression: f2,
      } as FieldDefinition,
    ];
    return { key: 'deal', title: label('Deal'), fields };
  });

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const valuesArb = fc.record({
  a: maybe(fc.double({ min: -1000, max: 1000, noNaN: true }).map((x) => Math.round(x * 100) / 100)),
  b: maybe(fc.integer({ min: -100, max: 100 })),
  price: maybe(
    fc.record({
      amount: fc.integer({ min: -99999, max: 99999 }).map((c) => (c / 100).toFixed(2)),
      currency: fc.constantFrom('CNY', 'USD', 'EUR'),
    }),
  ),
  rush: maybe(fc.boolean()),
  stage: maybe(fc.constantFrom('open', 'won', 'lost')),
  note: maybe(fc.constantFrom('', 'call back', '加急')),
  items: fc.array(
    fc.record({ qty: maybe(fc.integer({ min: 0, max: 10 })), unit: maybe(fc.integer({ min: 0, max: 500 })) }),
    { maxLength: 4 },
  ),
});

let version = 0;
function serverRuntime(definition: FormDefinition) {
  version += 1;
  return formRuntime({ appKey: 'prop', formId: 'deal', versionId: `v${version}`, version, definition });
}

describe('browser and server compute the same form rules', () => {
  it('formulas: same values for the record and every line-items row', () => {
    fc.assert(
      fc.property(formArb, valuesArb, (definition, values) => {
        const server = serverFormulas(serverRuntime(definition), values, user, ctx);
        const browser = browserFormulas(compileFormLogic(definition), values, user, ctx);
        expect(browser).toEqual(server);
      }),
      { numRuns: 300 },
    );
  });

  it('typing: evaluated from the previous values (what changed and what depends on it), still the server`s formulas', () => {
    // each step keeps some values (the same objects) and replaces others, rows one by one; the
    // line-items editor hands the computed rows back as the next values
    const step = fc.record({
      patch: valuesArb,
      mask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        formArb,
        valuesArb,
        fc.array(step, { minLength: 1, maxLength: 8 }),
        (definition, first, steps) => {
          const logic = compileFormLogic(definition);
          const runtime = serverRuntime(definition);
          let values: Record<string, unknown> = first;
          let evaluation: FormEvaluation | null = null;
          for (const { patch, mask } of steps) {
            const next: Record<string, unknown> = { ...values };
            Object.keys(patch).forEach((k, i) => {
              if (k !== 'items' && mask[i]) next[k] = patch[k as keyof typeof patch];
            });
            const rows = [
              ...((evaluation && mask[10] ? evaluation.computed.items : values.items) as unknown[]),
            ];
            patch.items.forEach((row, i) => {
              if (mask[(i + 7) % 12] && i <= rows.length) rows[i] = row;
            });
            next.items = mask[11] ? rows.slice(0, Math.max(0, rows.length - 1)) : rows;
            values = next;
            evaluation = evaluateForm(logic, values, user, ctx, evaluation);
            expect(evaluation.computed).toEqual(serverFormulas(runtime, values, user, ctx));
            expect(evaluation.states).toEqual(
              fieldStates(logic, browserFormulas(logic, values, user, ctx), user, ctx),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('required and visible: the browser marks required exactly the empty fields the server refuses', () => {
    fc.assert(
      fc.property(formArb, valuesArb, (definition, values) => {
        const runtime = serverRuntime(definition);
        const refused = checkRecord(runtime, { input: values, merged: values, current: null, user, ctx })
          .filter((e) => e.message === 'is required')
          .map((e) => e.path)
          .sort();
        const states = fieldStates(compileFormLogic(definition), values, user, ctx);
        const missing: string[] = [];
        const empty = (v: unknown) => isEmpty((v as { amount?: unknown } | null)?.amount ?? v);
        for (const [key, state] of Object.entries(states.fields)) {
          const isFormula = definition.fields.find((f) => f.key === key)?.type === 'formula';
          if (state.required && !isFormula && key !== 'items' && empty(values[key as keyof typeof values]))
            missing.push(key);
        }
        (states.rows.items ?? []).forEach((row, i) => {
          for (const [key, state] of Object.entries(row)) {
            const item = values.items[i] as Record<string, unknown>;
            if (state.required && key !== 'line' && key !== 'odd' && empty(item[key]))
              missing.push(`items[${i}].${key}`);
          }
        });
        expect(missing.sort()).toEqual(refused);
      }),
      { numRuns: 300 },
    );
  });
});
