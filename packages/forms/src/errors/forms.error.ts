/** Stable error codes of the forms engine (tables half). */
export type FormsErrorCode =
  | 'invalid_identifier'
  | 'invalid_form_definition'
  | 'form_not_found'
  | 'version_not_found'
  | 'version_not_draft'
  | 'publish_refused'
  | 'publish_conflict'
  | 'field_not_found'
  | 'field_not_deleted';

/** Whose fault: the user's input (4xx) or the system's (5xx). */
export type ErrorCategory = 'user' | 'operational';

/** The base of every error the forms engine throws on purpose. */
export class FormsError extends Error {
  constructor(
    readonly code: FormsErrorCode,
    message: string,
    readonly category: ErrorCategory = 'user',
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'FormsError';
  }
}
