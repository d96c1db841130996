import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type PrintAssetRow, saveAssets, storedAssets } from '@tessera/print';
import type { Kysely } from 'kysely';
import type { Pack, PackAsset } from '../model/pack.js';
import type { PackPlan } from '../plan/pack-plan.js';

/** Where a pack's images go: the server's file storage (@tessera/files' FileStorage fits). */
export interface AssetStorage {
  put(
    key: string,
    body: Readable,
    info: { readonly size: number; readonly contentType: string },
  ): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A storage key as the file storage makes them (`<yyyy>/<mm>/<uuid>`), never from a file name. */
const storageKey = (at: Date) =>
  `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;

/** The images the plan stores: new or changed. */
export const assetsToStore = (pack: Pack, plan: PackPlan): PackAsset[] => {
  const store = new Set(plan.assets.filter((a) => a.status !== 'unchanged').map((a) => a.file));
  return pack.assets.filter((a) => store.has(a.file));
};

/**
 * Step 1, before the apply's transaction: the bytes into the file storage under fresh keys (a
 * storage is no transaction — the rows that name the keys are written in it, step 2). Without a
 * storage the bytes stay in the row. Returns the rows to write.
 */
export async function putAssets(
  assets: readonly PackAsset[],
  storage: AssetStorage | undefined,
  at: Date,
): Promise<PrintAssetRow[]> {
  const rows: PrintAssetRow[] = [];
  try {
    for (const a of assets) {
      const base = { name: a.name, contentType: a.contentType, sha256: a.sha256, size: a.bytes.length };
      if (!storage) {
        rows.push({ ...base, storageKey: null, content: a.bytes });
        continue;
      }
      const key = storageKey(at);
      await storage.put(key, Readable.from([a.bytes]), { size: a.bytes.length, contentType: a.contentType });
      rows.push({ ...base, storageKey: key });
    }
  } catch (error) {
    await dropStored(rows, storage);
    throw error;
  }
  return rows;
}

/** Step 2, in the transaction: the rows; returns the storage keys they replace (to delete after commit). */
export async function writeAssetRows(
  trx: Kysely<any>,
  app: string,
  rows: readonly PrintAssetRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const before = await storedAssets(trx, app);
  await saveAssets(trx, app, rows);
  return rows.flatMap((r) => {
    const old = before.get(r.name)?.storageKey;
    return old ? [old] : [];
  });
}

/** Deletes stored bytes nothing names: a rolled-back apply's, or the images a commit replaced. Best effort. */
export async function dropStored(
  rows: readonly { readonly storageKey: string | null }[],
  storage: AssetStorage | undefined,
): Promise<void> {
  if (!storage) return;
  for (const r of rows) if (r.storageKey) await storage.delete(r.storageKey).catch(() => undefined);
}
