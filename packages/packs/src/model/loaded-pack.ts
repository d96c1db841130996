/** A pack folder as read from disk, before any parsing or validation. */
export interface LoadedPack {
  /** The folder it was read from (for messages only; validation never touches the disk). */
  readonly dir: string;
  /** Every `.json` file, by relative `/`-separated path, with its text. */
  readonly jsonFiles: readonly { readonly path: string; readonly text: string }[];
  /** Every other file (data/*.csv, README…), by relative path; not read. */
  readonly otherFiles: readonly string[];
}
