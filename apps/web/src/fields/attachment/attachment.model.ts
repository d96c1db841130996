/** An attachment value: `[{ id, name, size?, type? }]`; files are downloaded from the files API. */
export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly size?: number;
  readonly type?: string;
}

export const FILES_URL = '/api/files';

export function attachmentsOf(value: unknown): (Attachment & { url: string; isImage: boolean })[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((f): f is Attachment => Boolean(f && typeof f === 'object' && 'id' in f && 'name' in f))
    .map((f) => ({
      ...f,
      url: `${FILES_URL}/${encodeURIComponent(f.id)}`,
      isImage: /^image\//.test(f.type ?? '') || /\.(png|jpe?g|gif|webp|svg)$/i.test(f.name),
    }));
}

export function fileSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
