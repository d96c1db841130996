import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesError } from '../errors/files.error';
import { diskStorage } from '../storage/disk.storage';
import { type FileStorage, storageKeyFor } from '../storage/file-storage';
import { s3Storage } from '../storage/s3.storage';
import { type LocalS3, startLocalS3 } from '../testing/local-s3';

let dir: string;
let s3: LocalS3;
const storages: Record<'disk' | 's3', () => FileStorage> = {
  disk: () => diskStorage(dir),
  s3: () =>
    s3Storage({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'tenant-a/',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-disk-storage-'));
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['disk', 's3'] as const)('%s storage', (kind) => {
  it('puts, heads, streams back and deletes bytes; a missing key is FILE_MISSING / null', async () => {
    const storage = storages[kind]();
    const key = storageKeyFor(randomUUID(), new Date('2026-12-03T10:00:00Z'));
    expect(key).toMatch(/^2026\/12\//);
    const body = '合同 contract — '.repeat(5000);
    const bytes = Buffer.byteLength(body);
    await storage.put(key, Readable.from([Buffer.from(body)]), { size: bytes, contentType: 'text/plain' });
    expect(await storage.head(key)).toEqual({ size: bytes });
    expect(await text(await storage.get(key))).toBe(body);
    await storage.delete(key);
    await storage.delete(key); // twice is fine: the sweep may repeat itself
    expect(await storage.head(key)).toBeNull();
    await expect(storage.get(key)).rejects.toSatisfy(
      (e: unknown) => e instanceof FilesError && e.code === 'FILE_MISSING',
    );
  });

  it('refuses keys it did not make (no path can climb out of the root)', async () => {
    const storage = storages[kind]();
    await expect(storage.head('../../etc/passwd')).rejects.toThrow(/not a storage key/);
    await expect(
      storage.put('2026/12/../../x', Readable.from([Buffer.from('x')]), {
        size: 1,
        contentType: 'text/plain',
      }),
    ).rejects.toThrow(/not a storage key/);
  });
});

describe('disk storage', () => {
  it('a put that fails half-way leaves no file and no .part behind', async () => {
    const storage = diskStorage(dir);
    const key = storageKeyFor(randomUUID(), new Date('2026-11-01T00:00:00Z'));
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(key, failing, { size: 4096, contentType: 'text/plain' })).rejects.toThrow(
      'client went away',
    );
    expect(await storage.head(key)).toBeNull();
    expect(await readdir(join(dir, '2026', '11'))).toEqual([]);
  });
});
