import { validate as validateLogic } from '@tessera/logic';
import type { FieldDefinition, LineItemFieldDefinition, SchemaError } from '@tessera/schema';

/**
 * The JSON-Logic one field carries, by JSON path below the field: what the records engine
 * compiles for every read and write of the form. A default counts only as `{ expr }`.
 */
function fieldExpressions(field: FieldDefinition | LineItemFieldDefinition): [string, unknown][] {
  const found: [string, unknown][] = [];
  if (field.visibleWhen !== undefined) found.push(['/visibleWhen', field.visibleWhen]);
  if (field.requiredWhen !== undefined) found.push(['/requiredWhen', field.requiredWhen]);
  const fallback = 'default' in field ? field.default : undefined;
  if (typeof fallback === 'object' && fallback !== null && !Array.isArray(fallback) && 'expr' in fallback)
    found.push(['/default/expr', (fallback as { expr: unknown }).expr]);
  if (field.type === 'formula') found.push(['/expression', field.expression]);
  if (field.type === 'rollup' && field.filter !== undefined) found.push(['/filter', field.filter]);
  return found;
}

/**
 * An expression of the field the logic engine would refuse (unknown operator, wrong arity, bad
 * unit…), each at `<path>/<property>` with the logic path in the message. Checked when a form is
 * saved, planned or validated in a pack: one form whose formula cannot compile would otherwise
 * publish and then fail every list and write of its app.
 */
export function fieldExpressionErrors(
  field: FieldDefinition | LineItemFieldDefinition,
  path: string,
): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const [at, expression] of fieldExpressions(field)) {
    const checked = validateLogic(expression);
    if (checked.ok) continue;
    for (const issue of checked.errors)
      errors.push({
        path: `${path}${at}`,
        message: `invalid expression: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`,
      });
  }
  return errors;
}
