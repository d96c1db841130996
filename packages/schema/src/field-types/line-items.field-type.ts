import type { FieldOfType } from '../form/field.schema';
import { LineItemsField } from '../form/field.schema';
import type { CellCodec } from './cells/cell-codec';
import { parseJsonCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

/** Line items: rows in a child table `<form>__<key>` (no column of its own). */
/** A JSON array of rows both ways (row ids left out); each row's cells read by their own type. */
const lineItemsCell: CellCodec<FieldOfType<'line_items'>> = {
  read: (f, _cell, text, ctx) => {
    const parsed = parseJsonCell(text);
    if (!parsed.ok) return parsed;
    if (!Array.isArray(parsed.value)) return { ok: false, message: 'must be a JSON array of rows' };
    const rows: Record<string, unknown>[] = [];
    for (const [i, raw] of parsed.value.entries()) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        return { ok: false, message: `row ${i + 1} is not an object` };
      const row: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const field = f.fields.find((r) => r.key === key);
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
            : ctx.readCell(field, cell);
        if (!converted.ok) return { ok: false, message: `row ${i + 1}, ${key}: ${converted.message}` };
        row[key] = converted.value;
      }
      rows.push(row);
    }
    return { ok: true, value: rows };
  },
  write: (_f, value) =>
    JSON.stringify(
      Array.isArray(value)
        ? value.map((row) => {
            const { id: _id, ...rest } = row as Record<string, unknown>;
            return rest;
          })
        : value,
    ),
};

export const lineItemsFieldType: FieldTypeSpec<'line_items'> = {
  type: 'line_items',
  label: { en: 'Line items', 'zh-CN': '子表单' },
  settings: LineItemsField,
  inLineItems: false,
  computed: false,
  indexable: false,
  column: () => null,
  value: (f, rows) =>
    strip({ type: 'array', minItems: f.minRows, maxItems: f.maxRows, items: rows(f.fields) }),
  kind: () => null,
  aggregations: () => [],
  cell: lineItemsCell,
  display: () => ({ format: 'rows', align: 'left' }),
};
