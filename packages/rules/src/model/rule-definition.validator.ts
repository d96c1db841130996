import type { ReferenceScope } from '@tessera/forms';
import { type RuleDefinition, type SchemaError, validate } from '@tessera/schema';
import { checkRule } from './rule-definition.checker';

export type RuleValidation =
  | { readonly ok: true; readonly value: RuleDefinition }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/**
 * The pack-format check (ajv), then the rule check shared with `pack validate` (checkRule)
 * against the app's published forms (`publishedScope`).
 */
export function validateRuleDefinition(definition: unknown, scope: ReferenceScope): RuleValidation {
  const checked = validate('rule', definition);
  if (!checked.ok) return checked;
  const errors: SchemaError[] = [];
  checkRule(scope, (path, message) => errors.push({ path, message }), checked.value);
  return errors.length ? { ok: false, errors } : { ok: true, value: checked.value };
}
