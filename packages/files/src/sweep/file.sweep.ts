import { claimSweepable, deleteFileRows } from '@tessera/forms';
import type { Kysely } from 'kysely';
import type { FileStorage } from '../storage/file-storage';

export interface SweepResult {
  /** Files whose bytes and row were deleted. */
  readonly deleted: number;
}

/**
 * Deletes the files nobody can reach any more: those of purged records and fields, uploads never
 * attached within the grace period, files removed from their record longer ago than it. Batch by
 * batch: claim (marked purged — no write can attach them after), delete the bytes, delete the
 * rows. Soft-deleted records' files are not touched (a restore brings them back).
 */
export async function sweepFiles(
  db: Kysely<any>,
  storage: FileStorage,
  options: { readonly now: Date; readonly graceMs: number; readonly batch?: number },
): Promise<SweepResult> {
  const limit = options.batch ?? 200;
  const before = new Date(options.now.getTime() - options.graceMs);
  let deleted = 0;
  for (;;) {
    const claimed = await claimSweepable(db, { before, at: options.now, limit });
    if (claimed.length === 0) break;
    const gone: string[] = [];
    for (const file of claimed) {
      await storage.delete(file.storageKey);
      gone.push(file.id);
    }
    await deleteFileRows(db, gone);
    deleted += gone.length;
    if (claimed.length < limit) break;
  }
  return { deleted };
}
