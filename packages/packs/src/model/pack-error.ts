/** Why a pack is invalid — a stable code per kind of problem. */
export type PackErrorCode =
  | 'json_syntax' // the file is not JSON
  | 'duplicate_json_key' // the same property twice in one object
  | 'schema' // the file does not match its JSON Schema
  | 'missing_file' // pack.json is missing
  | 'unknown_file' // a file the pack format does not know
  | 'file_name' // the key does not match the file name
  | 'duplicate_key' // two definitions with the same key (files, fields, nodes, roles…)
  | 'unresolved_reference' // names a form, field, flow, report, role… the pack lacks
  | 'invalid_reference' // names something of the wrong kind (a text field where a date is needed…)
  | 'invalid_definition' // consistent JSON, impossible meaning (a flow with two starts…)
  | 'unmet_requirement'; // `requires` names a Tessera version or packs that are not installed (plan/apply)

/** One problem of a pack: in which file (relative, `/`-separated), where in it, and what. */
export interface PackError {
  readonly code: PackErrorCode;
  readonly file: string;
  /** JSON pointer inside the file; `''` is the whole file. */
  readonly path: string;
  readonly message: string;
  /** Where in the file (1-based), when known: the syntax error, or the value at `path`. */
  readonly line?: number;
  readonly column?: number;
}
