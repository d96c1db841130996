import type { Readable } from 'node:stream';
import { type RecordService, RecordsError } from '@tessera/forms';
import type { PrintDocument } from '../document/print-document';
import { PRINTABLE_IMAGE_TYPES, parseRecordImageKey } from './record-image.ref';

/** Where attachment bytes are read from (the server's FileStorage fits). */
export interface PrintFileSource {
  get(storageKey: string): Promise<Readable>;
}

/** A logo or stamp larger than this is left out rather than read into memory. */
export const MAX_PRINT_IMAGE_BYTES = 8 * 1024 * 1024;

/** The record-file image keys a document places. Pure. */
export function recordImageKeys(doc: PrintDocument): string[] {
  const keys = new Set<string>();
  for (const band of [doc.header, doc.footer])
    for (const item of [...(band?.left ?? []), ...(band?.center ?? []), ...(band?.right ?? [])])
      if (item.kind === 'image' && parseRecordImageKey(item.asset)) keys.add(item.asset);
  for (const block of doc.body)
    if (block.kind === 'image' && parseRecordImageKey(block.asset)) keys.add(block.asset);
  return [...keys];
}

/** A stream's bytes, or null past `limit` (the stream is then destroyed). */
export async function readAll(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The bytes of record images, each read through the printing user's records service (row scope
 * and field masks: a file the user may not download does not print) and then from storage.
 * A file that is gone, hidden, not a PNG/JPEG or too large is left out: the image prints blank.
 */
export async function readRecordImages(
  app: string,
  keys: readonly string[],
  records: RecordService,
  files: PrintFileSource,
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const key of keys) {
    const ref = parseRecordImageKey(key);
    if (!ref) continue;
    const row = await records.file(app, ref.form, ref.recordId, ref.fileId).catch((error: unknown) => {
      if (error instanceof RecordsError && error.code === 'RECORD_NOT_FOUND') return null;
      throw error;
    });
    if (!row || !PRINTABLE_IMAGE_TYPES.has(row.contentType) || row.size > MAX_PRINT_IMAGE_BYTES) continue;
    const bytes = await readAll(await files.get(row.storageKey), MAX_PRINT_IMAGE_BYTES);
    if (bytes) out.set(key, bytes);
  }
  return out;
}
