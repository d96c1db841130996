import { TesseraError } from '@tessera/schema';

/** The catalogue codes the forms engine (tables half) throws. */
export type FormsErrorCode =
  | 'INVALID_IDENTIFIER'
  | 'FORM_DEFINITION_INVALID'
  | 'FORM_NOT_FOUND'
  | 'FORM_VERSION_NOT_FOUND'
  | 'VERSION_NOT_DRAFT'
  | 'PUBLISH_CONFLICT'
  | 'FIELD_NOT_FOUND'
  | 'FIELD_NOT_DELETED';

/** The base of every error the forms engine throws on purpose (its category is the catalogue's). */
export class FormsError extends TesseraError<FormsErrorCode> {
  constructor(code: FormsErrorCode, message: string) {
    super(code, message);
    this.name = 'FormsError';
  }
}
