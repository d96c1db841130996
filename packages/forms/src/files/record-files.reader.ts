import type { AttachmentFieldDefinition } from '@tessera/schema';
import type { FormRuntime } from '../records/form-runtime';
import type { FormGate } from '../records/record-access';
import { liveFields } from '../records/record-field';
import type { RecordValues } from '../records/record-value.mapper';
import { RecordsError } from '../records/records.error';
import { attachmentRefs } from './attachment-refs';
import type { FileRow } from './file.repository';

/** The attachment field an upload is for, with the settings the upload is checked against. */
export interface UploadTarget {
  readonly formId: string;
  /** `files`, or `items.photo` for a field inside line items. */
  readonly field: string;
  readonly maxFileSizeMb?: number;
  readonly accept?: readonly string[];
}

/**
 * The attachment field `path` of a form, if the caller may put a file in it: they may create or
 * update the form's records, and the field is neither hidden from them nor read-only for them.
 */
export function uploadTarget(runtime: FormRuntime, gate: FormGate | undefined, path: string): UploadTarget {
  const field = attachmentField(runtime, path);
  if (!field) {
    throw RecordsError.invalid([
      { path: 'field', message: `is not an attachment field of form ${runtime.definition.key}` },
    ]);
  }
  if (gate) {
    if (!gate.can('create') && !gate.can('update'))
      throw RecordsError.denied(`You may not write records of form ${runtime.definition.key}.`);
    const [top] = path.split('.');
    if (gate.hidden.has(path) || gate.hidden.has(top!))
      throw RecordsError.invalid([
        { path: 'field', message: `is not an attachment field of form ${runtime.definition.key}` },
      ]);
    if (gate.readOnly.has(path) || gate.readOnly.has(top!))
      throw RecordsError.denied('You may not write this field.', [{ path, message: 'is read-only for you' }]);
  }
  return {
    formId: runtime.formId,
    field: path,
    ...(field.maxFileSizeMb === undefined ? {} : { maxFileSizeMb: field.maxFileSizeMb }),
    ...(field.accept === undefined ? {} : { accept: field.accept }),
  };
}

function attachmentField(runtime: FormRuntime, path: string): AttachmentFieldDefinition | undefined {
  const [key, inner, ...rest] = path.split('.');
  if (rest.length > 0) return undefined;
  const field = liveFields(runtime.definition.fields).find((f) => f.key === key);
  if (!field) return undefined;
  if (inner === undefined) return field.type === 'attachment' ? field : undefined;
  if (field.type !== 'line_items') return undefined;
  const row = liveFields(field.fields).find((f) => f.key === inner);
  return row?.type === 'attachment' ? row : undefined;
}

/**
 * A file of a record as the caller reads it: the record (already read through the caller's row
 * scope and field masks) must reference it in a field they see, and the file must be attached to
 * that record. Anything else is RECORD_NOT_FOUND, like a record outside the caller's scope.
 */
export function fileOfRecord(
  runtime: FormRuntime,
  record: RecordValues & { id: string },
  file: FileRow | undefined,
  fileId: string,
): FileRow {
  const referenced = attachmentRefs(runtime, { ...record }).some((r) => r.id === fileId.toLowerCase());
  if (
    !referenced ||
    !file ||
    file.recordId !== record.id ||
    file.formId !== runtime.formId ||
    file.purgedAt !== null
  ) {
    throw new RecordsError('RECORD_NOT_FOUND', `Record ${record.id} has no file ${fileId}.`);
  }
  return file;
}
