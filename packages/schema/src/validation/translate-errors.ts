import type { ErrorObject } from 'ajv';
import { closest } from './closest-word.js';
import { jsonType, listValues, messageFor, typeName } from './error-messages.js';
import type { SchemaError } from './schema-error.js';

/**
 * Turns ajv's errors (allErrors + verbose) into one plain message per problem.
 *
 * A failed `anyOf`/`oneOf` makes ajv report every branch's errors plus the union's own — a
 * cascade nobody can read. We collapse each union into the errors of the branch the value
 * meant: the branch named by a discriminator (`type`, `kind`, `agg`… — a property that is a
 * constant in every branch), else the only branch of the value's JSON type, else the branch
 * with the fewest errors; when that is still ambiguous, one message lists the alternatives.
 */
export function translateErrors(errors: readonly ErrorObject[]): SchemaError[] {
  const seen = new Set<string>();
  const unique: SchemaError[] = [];
  for (const error of collapse(errors)) {
    const id = `${error.path}\u0000${error.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      unique.push(error);
    }
  }
  return unique.sort((a, b) => comparePaths(a.path, b.path));
}

type AnySchema = Record<string, any>;

const isUnion = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/** Is `inner` reported inside union error `outer` (deeper in the schema, same or deeper data)? */
function within(inner: ErrorObject, outer: ErrorObject): boolean {
  return (
    inner !== outer &&
    inner.schemaPath.startsWith(`${outer.schemaPath}/`) &&
    (inner.instancePath === outer.instancePath || inner.instancePath.startsWith(`${outer.instancePath}/`))
  );
}

function collapse(errors: readonly ErrorObject[]): SchemaError[] {
  const unions = errors.filter(isUnion);
  const outermost = unions.filter((u) => !unions.some((o) => within(u, o)));
  const consumed = new Set<ErrorObject>();
  const result: SchemaError[] = [];
  for (const union of outermost) {
    const inside = errors.filter((e) => within(e, union));
    for (const e of inside) consumed.add(e);
    consumed.add(union);
    result.push(...explainUnion(union, inside));
  }
  for (const error of errors) {
    if (consumed.has(error)) continue;
    const message = messageFor(error);
    if (message !== undefined) result.push({ path: error.instancePath, message });
  }
  return result;
}

/** The constant value(s) a branch allows for property `name`, or undefined when it has none. */
function constantsOf(branch: AnySchema, name: string): unknown[] | undefined {
  const property = branch?.properties?.[name];
  if (!property) return undefined;
  if ('const' in property) return [property.const];
  if (Array.isArray(property.enum)) return property.enum;
  return undefined;
}

/** A required property that is a constant in every branch: the union's discriminator. */
function discriminatorOf(branches: AnySchema[]): string | undefined {
  const first = branches[0];
  if (!first?.properties) return undefined;
  return Object.keys(first.properties).find((name) =>
    branches.every((b) => constantsOf(b, name) && Array.isArray(b.required) && b.required.includes(name)),
  );
}

function branchAccepts(branch: AnySchema, type: string): boolean {
  const declared: unknown = branch.type ?? ('const' in branch ? jsonType(branch.const) : undefined);
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function explainUnion(union: ErrorObject, inside: ErrorObject[]): SchemaError[] {
  const path = union.instancePath;
  const branches = (Array.isArray(union.schema) ? union.schema : []) as AnySchema[];
  const data = union.data as unknown;
  // A union that only says "exactly one of these properties" explains itself in its own words.
  const ownWords = (union.parentSchema as AnySchema | undefined)?.oneOfErrorMessage;
  if (union.keyword === 'oneOf' && typeof ownWords === 'string') return [{ path, message: ownWords }];
  if (inside.length === 0) {
    return [{ path, message: 'matches more than one of the allowed shapes; make it match exactly one' }];
  }
  const byBranch = new Map<number, ErrorObject[]>();
  for (const error of inside) {
    const index = Number(error.schemaPath.slice(union.schemaPath.length + 1).split('/')[0]);
    byBranch.set(index, [...(byBranch.get(index) ?? []), error]);
  }
  const branchErrors = (i: number) => collapse(byBranch.get(i) ?? []);

  // 1. A discriminator names the branch.
  const discriminator = discriminatorOf(branches);
  if (discriminator && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const allowed = branches.flatMap((b) => constantsOf(b, discriminator) ?? []);
    const value = (data as Record<string, unknown>)[discriminator];
    if (value === undefined) {
      return [
        { path, message: `missing required property '${discriminator}' (one of: ${listValues(allowed)})` },
      ];
    }
    const chosen = branches.findIndex((b) => constantsOf(b, discriminator)?.includes(value));
    if (chosen >= 0) return branchErrors(chosen);
    const suggestion = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
    const hint = suggestion ? ` — did you mean "${suggestion}"?` : '';
    return [
      {
        path: `${path}/${discriminator}`,
        message: `must be one of: ${listValues(allowed)} (got ${JSON.stringify(value)})${hint}`,
      },
    ];
  }

  // 2. A union of constants: list them.
  const constants = branches.map((b) =>
    'const' in b ? [b.const] : Array.isArray(b.enum) ? b.enum : undefined,
  );
  if (constants.every(Boolean)) {
    return [
      { path, message: `must be one of: ${listValues(constants.flat())} (got ${JSON.stringify(data)})` },
    ];
  }

  // 3. Only the branches of the value's JSON type can be meant.
  const type = jsonType(data);
  const candidates = branches.map((_, i) => i).filter((i) => branchAccepts(branches[i]!, type));
  if (candidates.length === 0) {
    const types = [
      ...new Set(
        branches.flatMap((b) => (b.type ? [b.type].flat() : 'const' in b ? [jsonType(b.const)] : [])),
      ),
    ];
    return [{ path, message: `must be ${types.map(typeName).join(' or ')} (got ${typeName(type)})` }];
  }
  if (candidates.length === 1) return branchErrors(candidates[0]!);

  // 4. The branch with the fewest errors, when it is the only one.
  const explained = candidates.map((i) => ({ i, errors: branchErrors(i) }));
  const fewest = Math.min(...explained.map((e) => e.errors.length));
  const best = explained.filter((e) => e.errors.length === fewest);
  if (best.length === 1) return best[0]!.errors;

  // 5. Ambiguous: one message naming each alternative.
  const alternatives = best.map((e) =>
    e.errors
      .map((x) => (x.path === path ? x.message : `${x.path.slice(path.length)} ${x.message}`))
      .join('; '),
  );
  return [{ path, message: `matches none of the allowed shapes: ${alternatives.join(', or ')}` }];
}

/** Document order: compare JSON pointers segment by segment, array indexes as numbers. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
