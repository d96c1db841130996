/**
 * Where an OpenAPI document says nothing: every route's parameters, request body and responses,
 * walked through properties, items, additional properties and anyOf/oneOf/allOf branches. A
 * schema is unconstrained when it is `true`/`{}` or has none of the keywords that constrain.
 * `$ref`s are not followed: a referenced component is checked once, on its own.
 */
const CONSTRAINING = ['type', 'properties', '$ref', 'anyOf', 'oneOf', 'allOf', 'const', 'enum'] as const;

type Schema = boolean | Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

function walk(schema: Schema | undefined, where: string, found: string[]): void {
  if (
    schema === undefined ||
    schema === true ||
    (typeof schema === 'object' && Object.keys(schema).length === 0)
  ) {
    found.push(`${where}: {}`);
    return;
  }
  if (typeof schema !== 'object') return;
  if (!CONSTRAINING.some((keyword) => keyword in schema)) {
    found.push(`${where}: ${JSON.stringify(schema).slice(0, 120)}`);
    return;
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [key, value] of Object.entries(properties)) walk(value, `${where}.${key}`, found);
  if (typeof schema.items === 'object') walk(schema.items as Schema, `${where}[]`, found);
  if (typeof schema.additionalProperties === 'object') {
    walk(schema.additionalProperties as Schema, `${where}{*}`, found);
  }
  for (const [pattern, value] of Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>)) {
    walk(value, `${where}{${pattern}}`, found);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = (schema[keyword] ?? []) as Schema[];
    for (const [i, branch] of branches.entries()) walk(branch, `${where}/${keyword}/${i}`, found);
  }
}

/** "GET /api/x 200 application/json.items[].definition: {}" for each unconstrained schema. */
export function unconstrainedSchemas(doc: OpenApiDocument, skipComponents: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) walk(p.schema, `${route} ${p.in} ${p.name}`, found);
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) {
        walk(c.schema, `${route} body ${type}`, found);
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        for (const [type, c] of Object.entries(response.content ?? {})) {
          walk(c.schema, `${route} ${status} ${type}`, found);
        }
      }
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (!skipComponents.includes(name)) walk(schema, `#/components/schemas/${name}`, found);
  }
  return found;
}

/** Routes that document no successful answer (the client could not type what they return). */
export function routesWithoutSuccess(doc: OpenApiDocument): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
      const described = success.some(([status, r]) => status === '204' || r.content !== undefined);
      if (!described) found.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return found;
}
