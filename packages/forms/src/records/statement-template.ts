import { prepared } from '@tessera/store';
import { CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { FormRuntime } from './form-runtime';

/**
 * Statements built and compiled ONCE per form runtime and shape, then run with only their values
 * bound — the hot paths (create, get by id, a list page) otherwise rebuild the same kysely tree
 * and compile it to the same text on every request. A `slot(name)` stands for a value decided per
 * call; `bind` puts the call's values into the compiled parameters and marks the text as a
 * prepared statement (@tessera/store), so Postgres parses and plans it once per connection too.
 *
 * The text starts with the app's published stamp: when a publish changes a table under a
 * statement, the runtime reloaded after it has a new stamp, hence a new text and a new prepared
 * statement (Postgres refuses to run a prepared statement whose result columns changed).
 */
export class Slot {
  constructor(readonly name: string) {}
}

/** A per-call value of a statement template (see bindTemplate). */
export const slot = (name: string): Slot => new Slot(name);

export interface StatementTemplate {
  readonly sql: string;
  /** Compiled parameters: constants, and the Slots to fill per call. */
  readonly parameters: readonly unknown[];
}

/** Compiles `statement` (with Slots among its values) for the runtime it was built from. */
export function compileTemplate(
  db: Kysely<any>,
  runtime: FormRuntime,
  statement: RawBuilder<unknown>,
): StatementTemplate {
  const compiled = statement.compile(db);
  return { sql: stampedSql(runtime, compiled.sql), parameters: compiled.parameters };
}

/** `text` headed by the app's published stamp (see above): a publish gives it a new text. */
export function stampedSql(runtime: FormRuntime, text: string): string {
  const stamp = runtime.app && /^\d+$/.test(runtime.app.fingerprint) ? runtime.app.fingerprint : 'none';
  return `/* app ${stamp} */ ${text}`;
}

/** The template with this call's values in its slots, ready for `db.executeQuery`. */
export function bindTemplate<R>(
  template: StatementTemplate,
  values: Readonly<Record<string, unknown>>,
): CompiledQuery<R> {
  const parameters = template.parameters.map((p) => {
    if (!(p instanceof Slot)) return p;
    if (!(p.name in values)) throw new Error(`statement slot ${p.name} has no value`);
    return values[p.name];
  });
  return prepared(CompiledQuery.raw(template.sql, parameters) as CompiledQuery<R>);
}

/** Per runtime object (a new one after every reload) and shape key: the compiled template. */
const templates = new WeakMap<FormRuntime, Map<string, StatementTemplate>>();
const PER_RUNTIME_LIMIT = 64;

/**
 * The template of `runtime` for `key` (everything besides the slots that decides the text),
 * built by `build` on first use. Runtimes loaded inside a caller's transaction are new objects
 * every time, so their templates are simply not reused.
 */
export function cachedTemplate(
  db: Kysely<any>,
  runtime: FormRuntime,
  key: string,
  build: () => RawBuilder<unknown>,
): StatementTemplate {
  let byKey = templates.get(runtime);
  if (!byKey) {
    byKey = new Map();
    templates.set(runtime, byKey);
  }
  let found = byKey.get(key);
  if (!found) {
    found = compileTemplate(db, runtime, build());
    if (byKey.size >= PER_RUNTIME_LIMIT) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, found);
  }
  return found;
}
