import type { PrintRecord } from '../document/value.resolver';
import { valueAt } from '../document/value.resolver';
import { type FormCatalog, type PathScope, resolvePath } from '../template/field-path.resolver';

/** The types an attachment prints as an image (what pdfkit embeds). */
export const PRINTABLE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg']);

/** A file of a record's attachment field, to be read with the printing user's access. */
export interface RecordImageRef {
  readonly form: string;
  readonly recordId: string;
  readonly fileId: string;
}

const PREFIX = 'record-file:';

/** The image key a document carries for a record's file (assets are plain file names, never this). */
export const recordImageKey = (ref: RecordImageRef) => `${PREFIX}${ref.form}/${ref.recordId}/${ref.fileId}`;

export function parseRecordImageKey(key: string): RecordImageRef | null {
  if (!key.startsWith(PREFIX)) return null;
  const [form, recordId, fileId, ...rest] = key.slice(PREFIX.length).split('/');
  return form && recordId && fileId && rest.length === 0 ? { form, recordId, fileId } : null;
}

/**
 * The first PNG or JPEG of an attachment field under `path` (through links), as an image key;
 * '' when the field is empty, hidden from the printing user (the loader left it out), holds no
 * image, or a link on the way is out of scope — nothing prints then. Pure.
 */
export function recordImageAt(
  catalog: FormCatalog,
  scope: PathScope,
  data: PrintRecord,
  path: string,
): string {
  const resolved = resolvePath(catalog, scope, path);
  if (!resolved.ok || resolved.leaf.type !== 'attachment') return '';
  const links = resolved.fields.slice(0, -1);
  const owner = valueAt(data, links);
  const last = links[links.length - 1];
  const form = last?.type === 'link' ? last.form : scope.form;
  if (owner === null || typeof owner !== 'object') return '';
  const recordId = (owner as { id?: unknown }).id;
  const files = valueAt(data, resolved.fields);
  if (typeof recordId !== 'string' || !Array.isArray(files)) return '';
  const image = files.find(
    (f): f is { id: string } =>
      f !== null &&
      typeof f === 'object' &&
      typeof (f as { id?: unknown }).id === 'string' &&
      PRINTABLE_IMAGE_TYPES.has(String((f as { contentType?: unknown }).contentType)),
  );
  return image ? recordImageKey({ form, recordId, fileId: image.id }) : '';
}
