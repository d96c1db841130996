import { DOCUMENTS_ERRORS } from './catalogue/documents.errors.js';
import { FLOWS_ERRORS } from './catalogue/flows.errors.js';
import { FORMS_ERRORS } from './catalogue/forms.errors.js';
import { HTTP_ERRORS } from './catalogue/http.errors.js';
import { PACKS_ERRORS } from './catalogue/packs.errors.js';
import { PLATFORM_ERRORS } from './catalogue/platform.errors.js';
import { REPORTS_ERRORS } from './catalogue/reports.errors.js';
import { RULES_ERRORS } from './catalogue/rules.errors.js';
import type { ErrorEntry, ErrorSection } from './error-entry.js';

/** The catalogue in the order docs/errors.md lists it: one section per engine. */
export const ERROR_SECTIONS = [
  { title: 'HTTP API', entries: HTTP_ERRORS },
  { title: 'Forms and records', entries: FORMS_ERRORS },
  { title: 'Flows and approvals', entries: FLOWS_ERRORS },
  { title: 'Rules', entries: RULES_ERRORS },
  { title: 'Reports and charts', entries: REPORTS_ERRORS },
  { title: 'Print, sheets and files', entries: DOCUMENTS_ERRORS },
  { title: 'Packs', entries: PACKS_ERRORS },
  { title: 'Logic and store', entries: PLATFORM_ERRORS },
] as const satisfies readonly ErrorSection[];

/**
 * Every error code Tessera throws or answers, defined once: its category (which decides the HTTP
 * status and the logging), its user message in each language, and when it happens.
 */
export const ERROR_CATALOGUE = {
  ...HTTP_ERRORS,
  ...FORMS_ERRORS,
  ...FLOWS_ERRORS,
  ...RULES_ERRORS,
  ...REPORTS_ERRORS,
  ...DOCUMENTS_ERRORS,
  ...PACKS_ERRORS,
  ...PLATFORM_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

/** A stable error code: UPPER_SNAKE_CASE, one of the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

export function errorEntry(code: ErrorCode): ErrorEntry {
  return ERROR_CATALOGUE[code];
}
