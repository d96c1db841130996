import type { FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { taskFieldPlan } from '../task-permissions';

const definition = {
  key: 'quote',
  title: { en: 'Quote' },
  fields: [
    { id: 'f1', key: 'number', type: 'text', label: { en: 'No.' } },
    { id: 'f2', key: 'discount', type: 'number', label: { en: 'Discount' } },
    { id: 'f3', key: 'margin', type: 'number', label: { en: 'Margin' } },
    { id: 'f4', key: 'notes', type: 'long_text', label: { en: 'Notes' } },
  ],
} as unknown as FormDefinition;

describe("a step's field permissions on the task's form", () => {
  const record = {
    values: { number: 'QT-1', discount: 5, notes: null },
    access: { number: 'read', discount: 'edit', notes: 'read' } as Record<string, 'read' | 'edit'>,
  };

  it('hides what the server left out, shows read fields read-only, lets edit fields change', () => {
    const plan = taskFieldPlan(definition, record, true);
    expect([...plan.hidden]).toEqual(['margin']);
    expect([...plan.readOnly].sort()).toEqual(['notes', 'number']);
    expect([...plan.editable]).toEqual(['discount']);
  });

  it('makes everything read-only once the task is decided', () => {
    const plan = taskFieldPlan(definition, record, false);
    expect(plan.editable.size).toBe(0);
    expect([...plan.readOnly].sort()).toEqual(['discount', 'notes', 'number']);
  });
});
