import type { FormRuntime } from '../records/form-runtime';
import { liveFields, rowPath } from '../records/record-field';
import type { RecordValues } from '../records/record-value.mapper';

/** What a record's attachment value holds per file: the stored reference (the server fills it in). */
export interface FileReference {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

/** One file a record's values point at. */
export interface AttachmentRef {
  readonly id: string;
  /** The attachment field the file must have been uploaded for: `files`, or `items.photo` in line items. */
  readonly field: string;
  /** Where it stands in the values, for field errors: `files[0]`, `items[2].photo[1]`. */
  readonly path: string;
  /** Puts the stored reference in place of what the client sent. */
  readonly replace: (reference: FileReference) => void;
}

/** The attachment fields of a form: top level, and inside each line-items field's rows. */
export function attachmentFields(runtime: FormRuntime): AttachmentFields {
  let found = cache.get(runtime);
  if (!found) {
    found = findAttachmentFields(runtime);
    cache.set(runtime, found);
  }
  return found;
}

interface AttachmentFields {
  readonly top: readonly string[];
  readonly inRows: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<FormRuntime, AttachmentFields>();

function findAttachmentFields(runtime: FormRuntime): AttachmentFields {
  const top: string[] = [];
  const inRows = new Map<string, string[]>();
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type === 'attachment') top.push(field.key);
    if (field.type === 'line_items') {
      const keys = liveFields(field.fields)
        .filter((f) => f.type === 'attachment')
        .map((f) => f.key);
      if (keys.length > 0) inRows.set(field.key, keys);
    }
  }
  return { top, inRows };
}

/** Whether the form has an attachment field anywhere (else nothing here runs). */
export function hasAttachments(runtime: FormRuntime): boolean {
  const { top, inRows } = attachmentFields(runtime);
  return top.length > 0 || inRows.size > 0;
}

/**
 * Every file a record's values reference (values as written: line items are arrays of rows).
 * References that are not objects with a string id are left to the record validator.
 */
export function attachmentRefs(runtime: FormRuntime, values: RecordValues): AttachmentRef[] {
  const { top, inRows } = attachmentFields(runtime);
  const refs: AttachmentRef[] = [];
  const collect = (holder: RecordValues, key: string, field: string, base: string) => {
    if (!Array.isArray(holder[key])) return;
    // the holder is the engine's own object; the list may still be the caller's input
    const list: unknown[] = [...(holder[key] as unknown[])];
    holder[key] = list;
    list.forEach((item, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      refs.push({
        id: id.toLowerCase(),
        field,
        path: rowPath(base, i),
        replace: (reference) => {
          list[i] = reference;
        },
      });
    });
  };
  for (const key of top) collect(values, key, key, key);
  for (const [itemsKey, keys] of inRows) {
    const rows = values[itemsKey];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, r) => {
      if (!row || typeof row !== 'object') return;
      for (const key of keys)
        collect(row as RecordValues, key, `${itemsKey}.${key}`, `${rowPath(itemsKey, r)}.${key}`);
    });
  }
  return refs;
}
