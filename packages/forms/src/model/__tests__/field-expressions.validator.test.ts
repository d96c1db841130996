import type { FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '../form-definition.validator';

const label = (en: string) => ({ en });
/** A loan whose days, visibility and a row default are JSON-Logic the records engine compiles. */
const loan = (fields: Partial<Record<'days' | 'reason' | 'qty', object>>): FormDefinition =>
  ({
    key: 'loan',
    title: label('Loan'),
    fields: [
      { id: 'f1', key: 'start_date', type: 'date', label: label('From') },
      { id: 'f2', key: 'end_date', type: 'date', label: label('Until') },
      {
        id: 'f3',
        key: 'days',
        type: 'formula',
        label: label('Days'),
        resultType: 'integer',
        expression: { date_diff: [{ var: 'end_date' }, { var: 'start_date' }, 'day'] },
        ...fields.days,
      },
      { id: 'f4', key: 'reason', type: 'long_text', label: label('Why'), ...fields.reason },
      {
        id: 'f5',
        key: 'items',
        type: 'line_items',
        label: label('Items'),
        fields: [{ id: 'f6', key: 'qty', type: 'integer', label: label('Qty'), ...fields.qty }],
      },
    ],
  }) as FormDefinition;

describe('validateFormDefinition: expressions', () => {
  it('takes expressions the logic engine compiles', () => {
    const result = validateFormDefinition(
      loan({
        reason: { visibleWhen: { '>': [{ var: 'days' }, 3] }, requiredWhen: { '>': [{ var: 'days' }, 7] } },
        qty: { default: { expr: { '+': [1, 1] } } },
      }),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('refuses a form whose formula, condition or default expression cannot compile, by path', () => {
    const result = validateFormDefinition(
      loan({
        days: { expression: { days_between: [{ var: 'start_date' }, { var: 'end_date' }] } },
        reason: {
          requiredWhen: { '>': [{ date_diff: [{ var: 'end_date' }, { var: 'start_date' }, 'days'] }, 7] },
        },
        qty: { default: { expr: { max_of: [1, 2] } } },
      }),
    );
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '/fields/2/expression',
        message: expect.stringMatching(/^invalid expression: days_between: Unknown operator "days_between"/),
      },
      {
        path: '/fields/3/requiredWhen',
        message:
          'invalid expression: >[0].date_diff[2]: "date_diff" unit must be one of day, week, month, quarter, year, hour, minute; got "days"',
      },
      {
        path: '/fields/4/fields/0/default/expr',
        message: expect.stringMatching(/^invalid expression: max_of: Unknown operator "max_of"/),
      },
    ]);
  });
});
