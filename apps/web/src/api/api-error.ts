import type { Problem } from '@tessera/api';

type FieldProblem = Problem['errors'][number];

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
    this.fieldErrors = byPath(problem?.errors ?? []);
  }

  /** The request never got an answer (offline, server down): what was typed must be kept. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

function byPath(errors: readonly FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    // body paths come as `body/name` from schema validation, as `name` from the engines
    const path = e.path.replace(/^body\//, '').replaceAll('/', '.');
    out[path] = out[path] ? `${out[path]}; ${e.message}` : e.message;
  }
  return out;
}
