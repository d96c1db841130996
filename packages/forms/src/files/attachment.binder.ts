import { fieldError } from '@tessera/schema';
import type { Kysely } from 'kysely';
import type { FormRuntime } from '../records/form-runtime';
import type { RecordValues } from '../records/record-value.mapper';
import type { FieldError } from '../records/records.error';
import { type AttachmentRef, attachmentRefs, hasAttachments } from './attachment-refs';
import { type FileRow, lockFiles, syncRecordFiles } from './file.repository';

/** One record write's attachment values: what it would store, for which record (null: a create). */
export interface AttachmentWrite {
  readonly values: RecordValues;
  readonly recordId: string | null;
}

/**
 * Checks every file the writes' values reference, on the write's transaction (the files locked
 * until it ends), and replaces each reference with the stored one (`{ id, name, size,
 * contentType }` — never the client's claims). A file may be attached when it was uploaded for
 * this form's field by the writer and no record holds it, or when this record already holds it.
 * Returns the errors by write index (empty: all good).
 */
export async function resolveAttachments(
  trx: Kysely<any>,
  runtime: FormRuntime,
  writes: readonly AttachmentWrite[],
  actorId: string | null,
): Promise<Map<number, FieldError[]>> {
  const errors = new Map<number, FieldError[]>();
  if (!hasAttachments(runtime)) return errors;
  const refs = writes.map((w) => attachmentRefs(runtime, w.values));
  const files = await lockFiles(
    trx,
    refs.flatMap((list) => list.map((r) => r.id)),
  );
  const seen = new Set<string>();
  refs.forEach((list, index) => {
    const problems: FieldError[] = [];
    for (const ref of list) {
      const problem = refusal(ref, files.get(ref.id), runtime, writes[index]!.recordId, actorId, seen);
      seen.add(ref.id);
      if (problem) problems.push(problem);
      else {
        const file = files.get(ref.id)!;
        ref.replace({ id: file.id, name: file.name, size: file.size, contentType: file.contentType });
      }
    }
    if (problems.length > 0) errors.set(index, problems);
  });
  return errors;
}

function refusal(
  ref: AttachmentRef,
  file: FileRow | undefined,
  runtime: FormRuntime,
  recordId: string | null,
  actorId: string | null,
  seen: ReadonlySet<string>,
): FieldError | undefined {
  if (seen.has(ref.id)) return fieldError(ref.path, 'FIELD_FILE_TWICE');
  if (!file || file.purgedAt !== null || file.formId !== runtime.formId)
    return fieldError(ref.path, 'FIELD_FILE_MISSING', { id: ref.id });
  if (file.field !== ref.field) return fieldError(ref.path, 'FIELD_FILE_OTHER_FIELD', { field: file.field });
  if (file.recordId !== null) {
    return recordId !== null && file.recordId === recordId
      ? undefined
      : fieldError(ref.path, 'FIELD_FILE_OTHER_RECORD');
  }
  if (actorId === null || file.uploadedBy !== actorId) return fieldError(ref.path, 'FIELD_FILE_NOT_YOURS');
  return undefined;
}

/**
 * After the write: each record holds exactly the files its stored values reference (new ones
 * attached, dropped ones detached — deleted by the sweep after the grace period).
 */
export async function syncAttachments(
  trx: Kysely<any>,
  runtime: FormRuntime,
  written: ReadonlyArray<{ readonly recordId: string; readonly values: RecordValues }>,
  at: Date,
): Promise<void> {
  if (!hasAttachments(runtime) || written.length === 0) return;
  await syncRecordFiles(
    trx,
    runtime.formId,
    written.map((w) => ({
      recordId: w.recordId,
      fileIds: attachmentRefs(runtime, w.values).map((r) => r.id),
    })),
    at,
  );
}

/** Whether any of the values reference a file (a create then needs a transaction). */
export function referencesFiles(runtime: FormRuntime, values: readonly RecordValues[]): boolean {
  return hasAttachments(runtime) && values.some((v) => attachmentRefs(runtime, { ...v }).length > 0);
}
