/** A cell read as a value, or why it cannot be (the message names the cell's text). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };
