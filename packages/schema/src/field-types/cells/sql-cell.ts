import type { Label } from '../../common/label';
import { parseOption } from './choice-cell.parser';

/**
 * A field type's cells read and checked in SQL, for set-based imports (a staging table of text
 * cells moved with INSERT … SELECT). `accept` is a strict subset of what the type's `cell.read`
 * reads AND its `value` schema allows — the canonical spellings (2026-03-04, 1234.50, an option's
 * value or label) — so a row it accepts gets exactly the value the per-row path would give; every
 * other cell is left to `cell.read` and the form's validator, whose messages the report keeps.
 */
export interface SqlCell {
  /** Boolean SQL: the non-blank cell is one `value` can convert and the field allows. */
  readonly accept: string;
  /** The column's value (evaluated only where `accept` holds). */
  readonly value: string;
  /** The API value as jsonb, as the record's history holds it. */
  readonly json: string;
  /** Further columns the value fills: column name suffix → SQL (money's `__currency`). */
  readonly extra?: Readonly<Record<string, string>>;
  /**
   * `true`: so cheap (a length check) that it runs on every cell. Otherwise the importer checks
   * and converts each distinct cell once (regular expressions and casts cost more than a look-up).
   */
  readonly inline?: boolean;
}

/** SQL expressions of one staged cell. */
export interface SqlCellInput {
  /** The cell as trimmed text (never blank here). */
  readonly text: string;
  /** The cell as it stands in the file. */
  readonly raw: string;
}

/** A string as a SQL literal. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** What `String.prototype.trim` removes, as the characters argument of SQL `btrim`. */
export const JS_TRIM_CHARACTERS =
  ' \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** `btrim(cell)` exactly as JavaScript trims. */
export function sqlTrim(cell: string): string {
  return `btrim(${cell}, ${sqlText(JS_TRIM_CHARACTERS)})`;
}

/** Text within optional length bounds (code points, as the validator counts). */
export function sqlTextCell(t: string, minLength?: number, maxLength?: number): SqlCell {
  const checks = ['true'];
  if (minLength !== undefined) checks.push(`char_length(${t}) >= ${Math.trunc(minLength)}`);
  if (maxLength !== undefined) checks.push(`char_length(${t}) <= ${Math.trunc(maxLength)}`);
  return { accept: checks.join(' and '), value: t, json: `to_jsonb(${t})`, extra: {}, inline: true };
}

/** A text cell matching a pattern (written for both JavaScript and Postgres regular expressions). */
export function sqlPatternCell(t: string, pattern: string, maxLength?: number): SqlCell {
  const cell = sqlTextCell(t, undefined, maxLength);
  return { ...cell, accept: `${cell.accept} and ${t} ~ ${sqlText(pattern)}`, inline: false };
}

/** `semantic` only where `syntax` holds (SQL does not promise to evaluate `and` left to right). */
export function sqlGuarded(syntax: string, semantic: string): string {
  return `(case when ${syntax} then ${semantic} else false end)`;
}

/** Bounds of a number as SQL (`x` numeric). */
export function sqlRange(x: string, min?: number, max?: number): string {
  const checks = ['true'];
  if (min !== undefined && Number.isFinite(min)) checks.push(`${x} >= ${String(min)}::numeric`);
  if (max !== undefined && Number.isFinite(max)) checks.push(`${x} <= ${String(max)}::numeric`);
  return checks.join(' and ');
}

/** An option cell: the names `parseOption` itself maps, spelt as the form gives them (or lower case). */
export function sqlOptionCell(t: string, options: readonly { value: string; label: Label }[]): SqlCell {
  const names = new Map<string, string>();
  for (const option of options) {
    for (const name of [option.value, option.label.en, option.label['zh-CN']]) {
      if (name === undefined) continue;
      for (const spelling of [name, name.toLowerCase(), name.toUpperCase()]) {
        const parsed = parseOption(options, spelling);
        if (parsed.ok && spelling.trim() === spelling && spelling !== '') names.set(spelling, parsed.value);
      }
    }
  }
  if (names.size === 0) return { accept: 'false', value: 'null', json: 'null' };
  const cases = [...names].map(([name, value]) => `when ${sqlText(name)} then ${sqlText(value)}`).join(' ');
  const value = `(case ${t} ${cases} end)`;
  return {
    accept: `${t} in (${[...names.keys()].map(sqlText).join(', ')})`,
    value,
    json: `to_jsonb(${value})`,
  };
}
