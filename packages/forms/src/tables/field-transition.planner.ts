import type { FieldDefinition, FormDefinition, LineItemFieldDefinition } from '@tessera/schema';
import type { PlanRefusal } from './migration-action';

type AnyField = FieldDefinition | LineItemFieldDefinition;

/** Types whose value is computed by the engine: a user-entered column may not become one. */
const COMPUTED = new Set<string>(['formula', 'rollup', 'auto_number']);
/** Types with no value column of their own, or a column shape only they have. */
const STRUCTURAL = new Set<string>(['line_items', 'lookup', 'link', 'money']);

/**
 * Field-level changes that no column conversion can make safe, refused before the tables are
 * compared: a form key change, a link retargeted, a field turned into a computed one (its values
 * would be overwritten), and type changes into or out of line items, lookups, links and money.
 */
export function fieldTransitionRefusals(
  previous: FormDefinition,
  next: FormDefinition,
): readonly PlanRefusal[] {
  const refusals: PlanRefusal[] = [];
  if (previous.key !== next.key) {
    refusals.push({
      code: 'form_key_changed',
      reason: `the form key is fixed once published ("${previous.key}" cannot become "${next.key}")`,
    });
  }
  compare(previous.fields, next.fields, refusals);
  return refusals;
}

function compare(prev: readonly AnyField[], next: readonly AnyField[], refusals: PlanRefusal[]): void {
  const prevById = new Map(prev.map((f) => [f.id, f]));
  for (const field of next) {
    const old = prevById.get(field.id);
    if (!old) continue;
    const refuse = (reason: string) =>
      refusals.push({
        code: 'unsupported_type_change',
        fieldId: field.id,
        reason: `${field.key}: ${reason}`,
      });
    if (old.type !== field.type) {
      if (STRUCTURAL.has(old.type) || STRUCTURAL.has(field.type)) {
        refuse(`a ${old.type} field cannot become a ${field.type} field; add a new field instead`);
        continue;
      }
      if (COMPUTED.has(field.type) && !COMPUTED.has(old.type)) {
        refuse(`a ${old.type} field cannot become a ${field.type} field: its values would be overwritten`);
        continue;
      }
    }
    if (old.type === 'link' && field.type === 'link' && old.form !== field.form) {
      refuse(`the link points to "${old.form}"; it cannot be retargeted to "${field.form}"`);
    }
    if (old.type === 'line_items' && field.type === 'line_items') compare(old.fields, field.fields, refusals);
  }
}
