import type { Cell, SheetField } from '../model/sheet-types';
import { parseBoolean, parseOption, splitList } from './choice-cell.parser';
import { type Parsed, parseDateCell, parseDateTimeCell } from './date-cell.parser';
import { parseMoney, parseNumber, parsePercent } from './number-cell.parser';

/** Names of users and of linked records → ids; answered from what the chunk prefetched. */
export interface RefResolver {
  user(text: string): Parsed<string>;
  link(form: string, text: string): Parsed<string>;
}

export interface ConvertContext {
  readonly timeZone: string;
  readonly refs: RefResolver;
}

/** Whether a cell holds nothing (left out of the record: defaults apply, updates keep the value). */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * One non-blank cell → the API value of its field, pure. What the form's validator checks
 * anyway (e-mail, phone, URL, lengths, ranges, uniqueness) is passed on for the records service
 * to refuse, so the messages are the ones every other client gets.
 */
export function convertCell(
  field: SheetField,
  cell: NonNullable<Cell>,
  ctx: ConvertContext,
): Parsed<unknown> {
  const text = cell instanceof Date ? cell.toISOString() : String(cell).trim();
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'rich_text':
    case 'email':
    case 'phone':
    case 'url':
    case 'auto_number':
      return { ok: true, value: typeof cell === 'number' ? String(cell) : text };
    case 'number':
    case 'integer':
    case 'rating':
      return cell instanceof Date || typeof cell === 'boolean' ? notA('number', text) : parseNumber(cell);
    case 'percent':
      return cell instanceof Date || typeof cell === 'boolean'
        ? notA('percentage', text)
        : parsePercent(cell);
    case 'money': {
      if (cell instanceof Date || typeof cell === 'boolean') return notA('amount', text);
      const money = parseMoney(cell);
      if (!money.ok) return money;
      const amount = padScale(money.value.amount, field.scale ?? 2);
      return { ok: true, value: { amount, currency: money.value.currency ?? field.currency } };
    }
    case 'boolean':
      return cell instanceof Date ? notA('yes/no value', text) : parseBoolean(cell);
    case 'date':
      return typeof cell === 'boolean' ? notA('date', text) : parseDateCell(cell);
    case 'datetime':
      return typeof cell === 'boolean' ? notA('date and time', text) : parseDateTimeCell(cell, ctx.timeZone);
    case 'single_select':
      return parseOption(field.options, text);
    case 'multi_select':
      return all(splitList(text), (part) => parseOption(field.options, part));
    case 'user':
      return field.multiple === true
        ? all(splitList(text), (part) => ctx.refs.user(part))
        : ctx.refs.user(text);
    case 'department':
    case 'role':
      return { ok: true, value: field.multiple === true ? splitList(text) : text };
    case 'link':
      return ctx.refs.link(field.form, text);
    case 'json':
      return parseJson(text);
    case 'attachment':
      // A sheet cannot carry file bytes, and file ids would have to be uploads of the importer
      // not yet attached: attach files on the record instead (map the column to null to skip it).
      return {
        ok: false,
        message:
          'attachments cannot be imported from a sheet: upload the files on the record (map this column to null to skip it)',
      };
    case 'line_items':
      return convertLineItems(field.fields, text, ctx);
    case 'formula':
    case 'rollup':
    case 'lookup':
      return { ok: true, value: text };
    default:
      return exhaustive(field);
  }
}

/** Line items as a JSON array of rows (what export writes); each row's cells converted by type. */
function convertLineItems(fields: readonly SheetField[], text: string, ctx: ConvertContext): Parsed<unknown> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return { ok: false, message: 'must be a JSON array of rows' };
  const rows: Record<string, unknown>[] = [];
  for (const [i, raw] of parsed.value.entries()) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      return { ok: false, message: `row ${i + 1} is not an object` };
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const field = fields.find((f) => f.key === key);
      if (
        !field ||
        field.readOnly === true ||
        field.type === 'formula' ||
        field.type === 'lookup' ||
        field.type === 'auto_number'
      )
        continue;
      if (value === null || value === undefined || value === '') continue;
      const cell = typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
      const converted =
        field.type === 'money' && typeof value === 'object'
          ? { ok: true as const, value }
          : convertCell(field, cell, ctx);
      if (!converted.ok) return { ok: false, message: `row ${i + 1}, ${key}: ${converted.message}` };
      row[key] = converted.value;
    }
    rows.push(row);
  }
  return { ok: true, value: rows };
}

/** "3000" → "3000.00" for a scale of 2, as the database stores it (more digits: left for validation). */
function padScale(amount: string, scale: number): string {
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length >= scale) return amount;
  return scale === 0 ? whole! : `${whole}.${fraction.padEnd(scale, '0')}`;
}

function all<T>(parts: readonly string[], parse: (part: string) => Parsed<T>): Parsed<T[]> {
  const out: T[] = [];
  for (const part of parts) {
    const parsed = parse(part);
    if (!parsed.ok) return parsed;
    if (!out.includes(parsed.value)) out.push(parsed.value);
  }
  return { ok: true, value: out };
}

function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
}

function notA(what: string, text: string): Parsed<never> {
  return { ok: false, message: `"${text}" is not a ${what}` };
}

function exhaustive(field: never): Parsed<never> {
  return { ok: false, message: `unsupported field type ${(field as SheetField).type}` };
}
