import type { ViewSettings } from '@tessera/api';
import { FILTERABLE_SYSTEM_COLUMNS } from '@tessera/forms';
import { findUnstorableText } from '@tessera/schema';
import type { FieldError } from '../errors/api-error';

/**
 * What ajv cannot know: every column, filter and sort names a field the caller may see on the
 * published form (a view over a hidden field would leak it or fail later), and the filter values
 * are text the database can store.
 */
export function viewSettingsProblems(
  settings: ViewSettings,
  visibleFields: ReadonlySet<string>,
  base = 'settings',
): FieldError[] {
  const known = (key: string) => visibleFields.has(key) || Object.hasOwn(FILTERABLE_SYSTEM_COLUMNS, key);
  const problems: FieldError[] = [];
  (settings.columns ?? []).forEach((c, i) => {
    if (!known(c.key)) problems.push({ path: `${base}.columns[${i}].key`, message: `no field ${c.key}` });
  });
  (settings.filter?.conditions ?? []).forEach((c, i) => {
    if (!known(c.field))
      problems.push({ path: `${base}.filter.conditions[${i}].field`, message: `no field ${c.field}` });
  });
  if (settings.sort && !known(settings.sort.key))
    problems.push({ path: `${base}.sort.key`, message: `no field ${settings.sort.key}` });
  const text = findUnstorableText(settings, base);
  if (text) problems.push(text);
  return problems;
}
