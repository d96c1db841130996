import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { FilesError } from '../errors/files.error';
import { type FileStorage, STORAGE_KEY } from './file-storage';

export interface S3StorageOptions {
  readonly bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, a cloud's S3 API); unset → AWS S3 of `region`. */
  readonly endpoint?: string;
  readonly region: string;
  /** Bucket in the path (`http://host/bucket/key`) rather than the host name. */
  readonly forcePathStyle: boolean;
  /** Key prefix of every object (`tessera/`), to share a bucket. */
  readonly prefix: string;
  /** Unset → the AWS SDK's default chain (AWS_* variables, instance or pod roles). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * Files in an S3-compatible bucket, shared by every node. A put streams the spooled upload with
 * its exact length (one PutObject: uploads are capped well under S3's 5 GB single-put limit).
 */
export function s3Storage(options: S3StorageOptions): FileStorage & { readonly client: S3Client } {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // Checksums only where S3 requires them: the SDK's default streams bodies as `aws-chunked`
    // with trailing checksums, which many S3-compatible stores do not speak (they store the
    // chunk framing as part of the object). The content hash is ours anyway (sha256 in tessera.files).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
  });
  const Bucket = options.bucket;
  const keyOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return `${options.prefix}${key}`;
  };
  return {
    kind: 's3',
    client,
    async put(key, body, info) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(key),
          Body: body,
          ContentLength: info.size,
          ContentType: info.contentType,
        }),
      );
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        return out.Body as Readable;
      } catch (error) {
        if (isNotFound(error))
          throw new FilesError('FILE_MISSING', `The bytes of file ${key} are missing from the bucket.`);
        throw error;
      }
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
        return { size: Number(out.ContentLength ?? 0) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers 204 for a missing key too
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
