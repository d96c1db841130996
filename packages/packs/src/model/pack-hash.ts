import { createHash } from 'node:crypto';
import type { LoadedPack } from './loaded-pack.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of every JSON file of a pack: `{ path: sha-256 }`, sorted by path. */
export function packFileHashes(loaded: LoadedPack): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of [...loaded.jsonFiles].sort((a, b) => (a.path < b.path ? -1 : 1)))
    files[file.path] = sha256(file.text);
  return files;
}

/** The hash of a pack's content (its JSON files, paths included): changes when any file does. */
export function packHash(loaded: LoadedPack): string {
  return sha256(JSON.stringify(packFileHashes(loaded)));
}
