import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { withoutEngineChecked } from '@tessera/api';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type Schemas = Record<string, unknown>;

const strippedAll = (schemas: Schemas): Schemas =>
  Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutEngineChecked(s)]));

/**
 * Fastify's own validator (ajv) and serializer (fast-json-stringify), fed the route schemas of
 * @tessera/api without their engine-checked parts: those are documented in /api/openapi.json
 * and typed for clients, while the engines keep validating them (their errors point into the
 * body, and no HTTP-level default or coercion alters a stored document) and responses carry
 * what the engine produced, property for property.
 */
export function engineCheckedCompilers(): CompilersFactory {
  const buildValidator = AjvCompiler();
  const buildSerializer = SerializerSelector();
  return {
    buildValidator: (externalSchemas: Schemas, options: unknown) => {
      const compile = buildValidator(strippedAll(externalSchemas) as never, options as never);
      return (route: { schema: unknown }) =>
        compile({ ...route, schema: withoutEngineChecked(route.schema) } as never);
    },
    buildSerializer: (externalSchemas: Schemas, options: unknown) => {
      const compile = buildSerializer(strippedAll(externalSchemas) as never, options as never);
      return (route: { schema: unknown }) =>
        compile({ ...route, schema: withoutEngineChecked(route.schema) } as never);
    },
  } as unknown as CompilersFactory;
}
