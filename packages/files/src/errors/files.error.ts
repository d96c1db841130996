import { TesseraError } from '@tessera/schema';

/** The catalogue codes of file uploads and downloads. */
export type FilesErrorCode =
  /** Larger than the field's `maxFileSizeMb` or the server's TESSERA_MAX_FILE_MB: 413. */
  | 'FILE_TOO_LARGE'
  /** The type sniffed from the bytes is not one the field accepts (or an executable): 415. */
  | 'FILE_TYPE_NOT_ALLOWED'
  /** The name's extension says one type, the bytes another (a `.png` that is HTML): 415. */
  | 'FILE_TYPE_MISMATCH'
  /** An upload with no bytes: 400. */
  | 'FILE_EMPTY'
  /** The metadata row exists but the storage has no bytes for it (lost or not yet replicated): 500. */
  | 'FILE_MISSING';

/** The errors of @tessera/files; the catalogue's category decides the HTTP status and the logging. */
export class FilesError extends TesseraError<FilesErrorCode> {
  constructor(code: FilesErrorCode, message: string) {
    super(code, message, code === 'FILE_EMPTY' ? { errors: [{ path: 'file', message: 'is empty' }] } : {});
    this.name = 'FilesError';
  }
}
