import type { FieldScope } from '../field-ui.types';

/**
 * An attachment value: `[{ id, name, size, contentType }]`, the references the files API returns
 * (`type` is how values written before it were spelt).
 */
export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly size?: number;
  readonly contentType?: string;
  readonly type?: string;
}

/**
 * A file by id: the uploader's own upload until a record holds it, then the record's file under
 * the record's access — one address, so a preview stays valid when the record is saved.
 */
export const FILES_URL = '/api/files';

/** Where a file for `fieldKey` of the scope's form is uploaded (`<line items>.<key>` inside rows). */
export function uploadUrl(scope: FieldScope, fieldKey: string): string {
  const field = `${scope.fieldPrefix ?? ''}${fieldKey}`;
  return `/api/apps/${encodeURIComponent(scope.app)}/forms/${encodeURIComponent(scope.form)}/files?field=${encodeURIComponent(field)}`;
}

export function attachmentsOf(value: unknown): (Attachment & { url: string; isImage: boolean })[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((f): f is Attachment => Boolean(f && typeof f === 'object' && 'id' in f && 'name' in f))
    .map((f) => ({
      ...f,
      url: `${FILES_URL}/${encodeURIComponent(f.id)}`,
      // the server serves only these inline (SVG never: it can carry script)
      isImage:
        /^image\/(png|jpeg|gif|webp)$/.test(f.contentType ?? f.type ?? '') ||
        /\.(png|jpe?g|gif|webp)$/i.test(f.name),
    }));
}

/** The reference a record stores, from what an upload answered. */
export function referenceOf(uploaded: Attachment & { reference?: Attachment }): Attachment {
  const { id, name, size, contentType } = uploaded.reference ?? uploaded;
  return { id, name, ...(size === undefined ? {} : { size }), ...(contentType ? { contentType } : {}) };
}

export function fileSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
