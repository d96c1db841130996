import { type Readable, Transform, type TransformCallback } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

/** One request-body limit: its size, what it is for and the setting that changes it. */
export interface BodyLimit {
  readonly maxBytes: number;
  /** What the body is, for the message: "The import file", "The pack archive", … */
  readonly what: string;
  /** The configuration variable that sets the limit (config.ts, docs/deployment.md). */
  readonly variable: string;
}

/** 413 PAYLOAD_TOO_LARGE naming the limit in MiB and the setting. */
export function tooLarge(limit: BodyLimit): ApiError {
  const mib = limit.maxBytes / 2 ** 20;
  const shown = Number.isInteger(mib) ? `${mib} MiB` : `${limit.maxBytes} bytes`;
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `${limit.what} is larger than ${shown} (the limit is set by ${limit.variable}).`,
  );
}

/** Refuses a body whose declared Content-Length is over the limit, before a byte of it is read. */
export function refuseDeclaredLength(request: FastifyRequest, limit: BodyLimit): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit.maxBytes) throw tooLarge(limit);
}

/**
 * The body (or a multipart part) through a byte counter that fails with 413 as soon as more than
 * the limit went through — so a chunked body with no Content-Length is never stored past the cap.
 * The source is unpiped and paused (not destroyed): the 413 still reaches the client, and the
 * problem handler closes the connection instead of reading the rest.
 */
export function capped(source: Readable, limit: BodyLimit): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit.maxBytes) {
        source.unpipe(counter);
        source.pause();
        done(tooLarge(limit));
        return;
      }
      done(null, chunk);
    },
  });
  source.on('error', (error) => counter.destroy(error));
  return source.pipe(counter);
}

/** @fastify/multipart's own error for a part over its `fileSize` limit, as our 413. */
export function asTooLarge(error: unknown, limit: BodyLimit): unknown {
  return (error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge(limit) : error;
}
