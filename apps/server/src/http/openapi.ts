import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { SHARED_SCHEMAS } from '@tessera/api';
import type { FastifyInstance } from 'fastify';

/** The OpenAPI 3.1 document, generated from the routes' own schemas, and Swagger UI to browse it. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  // the schemas routes reference by $id (Problem, Record, the pack format's documents…): components
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
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
