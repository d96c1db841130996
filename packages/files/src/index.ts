/**
 * @tessera/files — the bytes of attachment fields: a small storage interface (disk, S3), content
 * sniffing and the upload rules, the upload pipeline, the sweep. The metadata (`tessera.files`)
 * and attaching files to records belong to @tessera/forms. See README.md.
 */
export { FilesError, type FilesErrorCode } from './errors/files.error';
export { sniffContentType } from './sniff/content-type.sniffer';
export { ACTIVE_TYPES, PREVIEW_TYPES } from './sniff/file-types';
export { diskStorage } from './storage/disk.storage';
export type { FileStorage } from './storage/file-storage';
export { type S3StorageOptions, s3Storage } from './storage/s3.storage';
export { type SweepResult, sweepFiles } from './sweep/file.sweep';
export { storeUpload, type UploadDeps, type UploadInput, uploadRules } from './upload/file-upload.runner';
export {
  checkUpload,
  cleanFileName,
  extensionOf,
  tooLargeMessage,
  type UploadRules,
  type UploadVerdict,
} from './upload/upload.policy';
