import {
  type FieldDefinition,
  type FormDefinition,
  isIndexableField,
  type LineItemFieldDefinition,
  type SchemaError,
} from '@tessera/schema';
import { fieldConstraints } from './field-constraints.mapper';
import { INDEXABLE_SYSTEM_COLUMNS, parseIndexPart, systemIndexes } from './form-index.mapper';

type AnyField = FieldDefinition | LineItemFieldDefinition;

/**
 * What the JSON Schema cannot say about a form's indexes: `uniqueIgnoreCase` without `unique`;
 * `indexed` on a field that has an index
 * already (unique) or holds a list (`multiple`); a composite index naming an unknown, deleted or
 * unindexable field, a field twice, or the same columns as another index of the table.
 */
export function formIndexErrors(form: FormDefinition): SchemaError[] {
  const errors: SchemaError[] = [];
  const checkIndexed = (field: AnyField, path: string) => {
    if ('uniqueIgnoreCase' in field && field.uniqueIgnoreCase === true && field.unique !== true)
      errors.push({ path: `${path}/uniqueIgnoreCase`, message: 'needs unique: true' });
    if (!('indexed' in field) || field.indexed !== true) return;
    if ('unique' in field && field.unique === true)
      errors.push({ path: `${path}/indexed`, message: 'is not needed: a unique field is indexed already' });
    else if (!isIndexableField(field))
      errors.push({ path: `${path}/indexed`, message: 'a field with multiple values cannot be indexed' });
  };
  form.fields.forEach((field, i) => {
    checkIndexed(field, `/fields/${i}`);
    if (field.type === 'line_items')
      for (const [j, child] of field.fields.entries()) checkIndexed(child, `/fields/${i}/fields/${j}`);
  });

  // The single-column indexes the table has without `indexes`, by column.
  const existing = new Map<string, string>();
  for (const index of [
    ...systemIndexes(form.key),
    ...form.fields.flatMap((f) => fieldConstraints(form.key, f, false).indexes),
  ])
    existing.set(index.columns.join(','), index.name);

  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const seen = new Map<string, number>();
  (form.indexes ?? []).forEach((entry, i) => {
    const columns: string[] = [];
    entry.fields.forEach((part, j) => {
      const path = `/indexes/${i}/fields/${j}`;
      const { key } = parseIndexPart(part);
      const message = partProblem(key, byKey.get(key));
      if (message) errors.push({ path, message });
      else if (columns.includes(key)) errors.push({ path, message: `names "${key}" twice` });
      columns.push(key);
    });
    const signature = columns.join(',');
    const path = `/indexes/${i}`;
    const other = seen.get(signature);
    if (other !== undefined) {
      errors.push({ path, message: `indexes the same fields as /indexes/${other}` });
    } else if (existing.has(signature)) {
      errors.push({
        path,
        message: `is not needed: index ${existing.get(signature)} covers these fields already`,
      });
    }
    seen.set(signature, other ?? i);
  });
  return errors;
}

function partProblem(key: string, field: FieldDefinition | undefined): string | null {
  if (INDEXABLE_SYSTEM_COLUMNS.has(key)) return null;
  if (!field) return `"${key}" is not a field of this form`;
  if (field.deleted === true) return `field "${key}" is deleted`;
  if (!isIndexableField(field)) return `field "${key}" (${field.type}) cannot be indexed`;
  return null;
}
