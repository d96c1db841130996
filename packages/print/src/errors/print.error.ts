/** Stable error codes of the print engine. */
export type PrintErrorCode =
  | 'template_not_found'
  | 'record_not_found'
  | 'invalid_template'
  | 'too_many_records';

export interface PrintIssue {
  readonly path: string;
  readonly message: string;
}

/** The base of every error the print engine throws on purpose; all are the caller's (4xx). */
export class PrintError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    message: string,
    readonly errors: readonly PrintIssue[] = [],
  ) {
    super(message);
    this.name = 'PrintError';
  }
}
