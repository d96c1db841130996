/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A local S3-compatible server (s3rver) for tests: a bucket, on a free loopback port. */
export interface LocalS3 {
  readonly endpoint: string;
  readonly bucket: string;
  /** The variables that point a Tessera server at it. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'tessera-files'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'tessera-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      TESSERA_FILES_STORAGE: 's3',
      TESSERA_S3_BUCKET: bucket,
      TESSERA_S3_ENDPOINT: endpoint,
      TESSERA_S3_FORCE_PATH_STYLE: 'true',
      // s3rver's fixed credentials
      TESSERA_S3_ACCESS_KEY_ID: 'S3RVER',
      TESSERA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
