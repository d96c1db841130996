import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileRow, insertFile, type UploadTarget } from '@tessera/forms';
import type { Kysely } from 'kysely';
import { FilesError } from '../errors/files.error';
import { sniffContentType } from '../sniff/content-type.sniffer';
import { type FileStorage, storageKeyFor } from '../storage/file-storage';
import { checkUpload, cleanFileName, tooLargeMessage, type UploadRules } from './upload.policy';

export interface UploadDeps {
  readonly db: Kysely<any>;
  readonly storage: FileStorage;
  /** Where the bytes wait while they are counted, hashed and sniffed. */
  readonly spoolDir: string;
  readonly now: () => Date;
}

export interface UploadInput {
  /** The file's bytes as they arrive (a multipart part). */
  readonly source: Readable;
  /** The client's file name (cleaned before it is stored). */
  readonly name: string | undefined;
  readonly target: UploadTarget;
  readonly uploadedBy: string;
  /** The server's cap in bytes (TESSERA_MAX_FILE_MB); the field's own limit applies when lower. */
  readonly serverMaxBytes: number;
}

/** The limits of an upload for `target`: the field's own (`maxFileSizeMb`) when lower than the server's. */
export function uploadRules(target: UploadTarget, serverMaxBytes: number): UploadRules {
  const fieldMax = target.maxFileSizeMb === undefined ? Infinity : Math.floor(target.maxFileSizeMb * 2 ** 20);
  return {
    ...(fieldMax < serverMaxBytes
      ? { maxBytes: fieldMax, maxFrom: { field: target.field } }
      : { maxBytes: serverMaxBytes, maxFrom: { setting: 'TESSERA_MAX_FILE_MB' } }),
    ...(target.accept ? { accept: target.accept } : {}),
  };
}

/**
 * An upload end to end: the bytes are spooled (counted — FILE_TOO_LARGE as soon as they pass the
 * limit — and hashed on the way), their type sniffed and checked against the field's rules, then
 * stored under a fresh key and recorded in `tessera.files` (not yet attached to any record). A
 * refusal stores nothing; the spool file is always removed.
 */
export async function storeUpload(deps: UploadDeps, input: UploadInput): Promise<FileRow> {
  const rules = uploadRules(input.target, input.serverMaxBytes);
  const name = cleanFileName(input.name);
  await mkdir(deps.spoolDir, { recursive: true });
  const spool = join(deps.spoolDir, `${randomUUID()}.upload`);
  try {
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        size += chunk.length;
        if (size > rules.maxBytes)
          return done(new FilesError('FILE_TOO_LARGE', tooLargeMessage(name, rules)));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(input.source, counter, createWriteStream(spool)).catch((error: unknown) => {
      // @fastify/multipart's own limit, set to the same size
      if ((error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE')
        throw new FilesError('FILE_TOO_LARGE', tooLargeMessage(name, rules));
      throw error;
    });
    const verdict = checkUpload({ name, size, sniffed: await sniffContentType(spool) }, rules);
    if (!verdict.ok) throw verdict.error;
    const id = randomUUID();
    const at = deps.now();
    const storageKey = storageKeyFor(id, at);
    await deps.storage.put(storageKey, createReadStream(spool), { size, contentType: verdict.contentType });
    try {
      return await insertFile(deps.db, {
        id,
        storageKey,
        size,
        sha256: hash.digest('hex'),
        contentType: verdict.contentType,
        name,
        uploadedBy: input.uploadedBy,
        formId: input.target.formId,
        field: input.target.field,
        createdAt: at,
      });
    } catch (error) {
      await deps.storage.delete(storageKey).catch(() => {});
      throw error;
    }
  } finally {
    await rm(spool, { force: true });
  }
}
