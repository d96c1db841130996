import { FormsError } from '../errors/forms.error';

/**
 * A SQL literal for DDL, where Postgres accepts no bound parameters (CHECK constraints list
 * option values, data-check queries repeat them). Only strings and finite numbers; strings are
 * quoted with standard_conforming_strings semantics (on by default since 9.1): `'` doubled,
 * and NUL refused. Option values are further limited to a safe pattern by the form schema.
 */
export function literal(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new FormsError('FORM_DEFINITION_INVALID', `not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000'))
    throw new FormsError('FORM_DEFINITION_INVALID', 'text contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** `ARRAY['a','b']::text[]` */
export function textArrayLiteral(values: readonly string[]): string {
  return `ARRAY[${values.map(literal).join(', ')}]::text[]`;
}
