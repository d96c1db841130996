import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FilesError } from '../errors/files.error';
import { type FileStorage, STORAGE_KEY } from './file-storage';

/**
 * Files in a folder (`DATA_DIR/files` by default): one file per key. A put writes a temporary
 * file beside the target and renames it, so a reader never sees half a file and a crash leaves
 * at most a `.part` file behind.
 */
export function diskStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(root, key);
  };
  return {
    kind: 'disk',
    async put(key, body, info) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const part = `${path}.${randomUUID()}.part`;
      try {
        await pipeline(body, createWriteStream(part, { flags: 'wx' }));
        const { size } = await stat(part);
        if (size !== info.size) throw new Error(`stored ${size} bytes of ${info.size} for ${key}`);
        await rename(part, path);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        throw new FilesError('FILE_MISSING', `The bytes of file ${key} are missing from the file storage.`);
      }
      return createReadStream(path) as Readable;
    },
    async head(key) {
      const path = pathOf(key);
      try {
        return { size: (await stat(path)).size };
      } catch {
        return null;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
