import { join } from 'node:path';
import { diskStorage, type FileStorage, s3Storage } from '@tessera/files';
import type { Config } from '../config/config';

type StorageConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'TESSERA_FILES_STORAGE'
  | 'TESSERA_FILES_DIR'
  | 'TESSERA_S3_BUCKET'
  | 'TESSERA_S3_ENDPOINT'
  | 'TESSERA_S3_REGION'
  | 'TESSERA_S3_PREFIX'
  | 'TESSERA_S3_FORCE_PATH_STYLE'
  | 'TESSERA_S3_ACCESS_KEY_ID'
  | 'TESSERA_S3_SECRET_ACCESS_KEY'
>;

/** The attachment storage the configuration selects: a folder (default `DATA_DIR/files`) or a bucket. */
export function fileStorageFrom(config: StorageConfig): FileStorage {
  switch (config.TESSERA_FILES_STORAGE) {
    case 'disk':
      return diskStorage(config.TESSERA_FILES_DIR ?? join(config.DATA_DIR, 'files'));
    case 's3':
      return s3Storage({
        bucket: config.TESSERA_S3_BUCKET!,
        region: config.TESSERA_S3_REGION,
        forcePathStyle: config.TESSERA_S3_FORCE_PATH_STYLE,
        prefix: config.TESSERA_S3_PREFIX,
        ...(config.TESSERA_S3_ENDPOINT ? { endpoint: config.TESSERA_S3_ENDPOINT } : {}),
        ...(config.TESSERA_S3_ACCESS_KEY_ID && config.TESSERA_S3_SECRET_ACCESS_KEY
          ? {
              credentials: {
                accessKeyId: config.TESSERA_S3_ACCESS_KEY_ID,
                secretAccessKey: config.TESSERA_S3_SECRET_ACCESS_KEY,
              },
            }
          : {}),
      });
    default:
      throw new Error(`unknown file storage ${String(config.TESSERA_FILES_STORAGE satisfies never)}`);
  }
}
