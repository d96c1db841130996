import { createHash } from 'node:crypto';
import type { LoadedPack } from './loaded-pack.js';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of every JSON file and print image of a pack: `{ path: sha-256 }`, sorted by path. */
export function packFileHashes(loaded: LoadedPack): Record<string, string> {
  const all = [
    ...loaded.jsonFiles.map((f) => ({ path: f.path, hash: sha256(f.text) })),
    ...(loaded.assetFiles ?? []).map((f) => ({ path: f.path, hash: sha256(f.bytes) })),
  ];
  const files: Record<string, string> = {};
  for (const file of all.sort((a, b) => (a.path < b.path ? -1 : 1))) files[file.path] = file.hash;
  return files;
}

/** The hash of a pack's content (its JSON files and images, paths included): changes when any file does. */
export function packHash(loaded: LoadedPack): string {
  return sha256(JSON.stringify(packFileHashes(loaded)));
}
