import type { TSchema } from '@sinclair/typebox';

/**
 * The keyword marking a schema the HTTP layer documents but does not enforce: request parts the
 * engine validates itself (form definitions, query models, record values — its errors point into
 * the body, and no HTTP-level defaults or coercion alter a stored document), and response parts
 * the engine produced (serialised as they are, so a schema can never drop a property).
 */
export const ENGINE_CHECKED = 'x-engine-checked';

/** `schema`, documented in /api/openapi.json and typed by `Static`, checked by the engine. */
export function engineChecked<T extends TSchema>(schema: T): T {
  return { ...schema, [ENGINE_CHECKED]: true };
}

/**
 * The schema the server validates or serialises by: every engine-checked part replaced by `{}`
 * (any value) or, marked `'object'`, by any object; everything else as it is. Pure; the input is not changed.
 */
export function withoutEngineChecked(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutEngineChecked);
  if (schema === null || typeof schema !== 'object') return schema;
  const marker = (schema as Record<string, unknown>)[ENGINE_CHECKED];
  if (marker === true) return {};
  if (marker === 'object') return { type: 'object', additionalProperties: true };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const next = withoutEngineChecked(value);
    if (next !== value) changed = true;
    out[key] = next;
  }
  return changed ? out : schema;
}

/**
 * Like {@link engineChecked}, for a JSON object the HTTP layer still requires: the server
 * validates and serialises it as `{ type: 'object', additionalProperties: true }` (a non-object
 * is refused as before), the document shows `schema`.
 */
export function engineCheckedObject<T extends TSchema>(schema: T, description?: string): T {
  return { ...schema, ...(description ? { description } : {}), [ENGINE_CHECKED]: 'object' };
}
