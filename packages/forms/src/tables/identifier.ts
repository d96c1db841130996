import { FormsError } from '../errors/forms.error';

/** The only shape of identifier that may appear in generated SQL. */
export const SQL_IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * THE one check every identifier of generated SQL goes through: returns the identifier double-quoted,
 * or throws `invalid_identifier`. Identifiers only ever come from form metadata (app, form and
 * field keys), and this pattern leaves no room for quoting tricks.
 */
export function ident(name: string): string {
  if (!SQL_IDENTIFIER_PATTERN.test(name)) {
    throw new FormsError(
      'INVALID_IDENTIFIER',
      `"${name}" is not a valid SQL identifier (lower snake case, starts with a letter, at most 63 characters)`,
    );
  }
  return `"${name}"`;
}

/** `schema.table`, both checked. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** Whether a name would pass {@link ident} (for validation that reports instead of throwing). */
export function isSqlIdentifier(name: string): boolean {
  return SQL_IDENTIFIER_PATTERN.test(name);
}
