import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import { ERROR_CATALOGUE, type ErrorCode } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';

/** Every error answer (see docs/errors.md); routes name it as the response of their error statuses. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String({ description: "the code's message, in the request's language (Accept-Language)" }),
    status: Type.Integer(),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.keys(ERROR_CATALOGUE),
      description: 'stable machine-readable error code (docs/errors.md)',
    }),
    detail: Type.Optional(Type.String({ description: 'what happened this time (English)' })),
    errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
      description: 'field errors by path',
    }),
    details: Type.Optional(
      Type.Object(
        {},
        { additionalProperties: true, description: 'structured facts, e.g. { index } of a bulk item' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** The OpenAPI 3.1 document, generated from the routes' own schemas, and Swagger UI to browse it. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version,
        description:
          'Forms, flows, rules and reports. Log in with POST /api/auth/login; send the returned csrfToken in ' +
          'the X-CSRF-Token header with every POST, PATCH, PUT and DELETE. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' } },
      },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true };
    });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { url: '/api/openapi.json' } as object,
    });
  });
}
