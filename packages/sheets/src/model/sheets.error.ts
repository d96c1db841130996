/** Stable codes of the sheets package's refusals. */
export type SheetsErrorCode =
  | 'FORM_NOT_PUBLISHED'
  | 'SHEET_UNREADABLE'
  | 'MAPPING_INVALID'
  | 'INVALID_OPTIONS';

/** A refusal the user can act on (the server maps it to 400/404). */
export class SheetsError extends Error {
  readonly category = 'user' as const;
  constructor(
    readonly code: SheetsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SheetsError';
  }
}
