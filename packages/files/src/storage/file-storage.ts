import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Keys are made by the server (`2026/12/<uuid>`), never from user
 * input. Metadata (name, type, size, owner, record) is in `tessera.files`; storage holds bytes only.
 */
export interface FileStorage {
  readonly kind: 'disk' | 's3';
  /** Stores `body` (exactly `size` bytes) under `key`, replacing nothing: keys are unique. */
  put(
    key: string,
    body: Readable,
    info: { readonly size: number; readonly contentType: string },
  ): Promise<void>;
  /** The bytes of `key` as a stream; FILE_MISSING when there are none. */
  get(key: string): Promise<Readable>;
  /** The size stored under `key`, or null when nothing is. */
  head(key: string): Promise<{ readonly size: number } | null>;
  /** Deletes `key`; deleting a missing key is not an error (the sweep may repeat itself). */
  delete(key: string): Promise<void>;
}

/** Keys are `<yyyy>/<mm>/<uuid>`: checked again by every storage, so no key can climb out of its root. */
export const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function storageKeyFor(id: string, at: Date): string {
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${at.getUTCFullYear()}/${month}/${id}`;
}
