/** One problem in a document: where (a JSON pointer, `''` is the root) and what, in plain words. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

/** The outcome of validating a document: the typed value, or every error found. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };
