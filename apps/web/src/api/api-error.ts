import type { Problem } from '@tessera/api';
import type { TFunction } from 'i18next';
import { fieldErrorsByPath } from '../shared/field-error-text';

/**
 * A failed API call: the problem+json the server sent (or a network failure, status 0), with its
 * stable `code` and the field errors by path (`items[3].qty`) for the form to show in place.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly problem: Problem | null;

  constructor(status: number, code: string, message: string, problem: Problem | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.fieldErrors = fieldErrorsByPath(problem?.errors ?? []);
  }

  /** The field errors by path in the UI's language (by code; the server's text for an unknown one). */
  fieldErrorsIn(t: TFunction): Record<string, string> {
    return fieldErrorsByPath(this.problem?.errors ?? [], t);
  }

  /** The request never got an answer (offline, server down): what was typed must be kept. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}
