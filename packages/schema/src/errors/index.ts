export {
  ERROR_CATALOGUE,
  ERROR_SECTIONS,
  type ErrorCode,
  errorEntry,
  isErrorCode,
} from './error-catalogue.js';
export {
  type CategoryRule,
  ERROR_CATEGORIES,
  type ErrorCategory,
  type ErrorLogLevel,
} from './error-category.js';
export type { ErrorEntry, ErrorSection } from './error-entry.js';
export {
  FIELD_ERROR_CODES,
  FIELD_ERROR_MESSAGES,
  type FieldErrorCode,
  type FieldErrorParams,
  fieldError,
  fieldErrorMessage,
  isFieldErrorCode,
} from './field-error-code.js';
export { errorsDocUpToDate, renderErrorsDoc } from './render-errors-doc.js';
export { type FieldError, TesseraError, type TesseraErrorOptions } from './tessera.error.js';
