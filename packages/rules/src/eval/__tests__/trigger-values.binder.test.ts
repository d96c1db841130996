import { describe, expect, it } from 'vitest';
import { bindTriggerValues } from '../trigger-values.binder';

describe('bindTriggerValues: a cross-form where reads the triggering record', () => {
  const record = { customer: { id: 'c-1', name: 'Acme' }, visit_date: '2027-03-01', amount: 0 };

  it("replaces $record paths with the values, leaving the target form's own variables alone", () => {
    expect(
      bindTriggerValues(
        {
          and: [
            { '==': [{ var: 'id' }, { var: '$record.customer.id' }] },
            { '<': [{ var: 'last_follow_up' }, { var: ['$record.visit_date'] }] },
          ],
        },
        record,
      ),
    ).toEqual({
      and: [{ '==': [{ var: 'id' }, 'c-1'] }, { '<': [{ var: 'last_follow_up' }, '2027-03-01'] }],
    });
  });

  it('keeps falsy values and turns a missing value into null (matches nothing)', () => {
    expect(bindTriggerValues({ '==': [{ var: 'amount' }, { var: '$record.amount' }] }, record)).toEqual({
      '==': [{ var: 'amount' }, 0],
    });
    expect(bindTriggerValues({ '==': [{ var: 'id' }, { var: '$record.nope.id' }] }, record)).toEqual({
      '==': [{ var: 'id' }, null],
    });
  });
});
