import { PACK_FORMAT_SCHEMA_IDS } from '@tessera/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../__tests__/test-app';
import { type OpenApiDocument, routesWithoutSuccess, unconstrainedSchemas } from './unconstrained-schemas';

let t: TestApp;
let doc: OpenApiDocument;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t?.close());

describe('the OpenAPI document says what every route takes and answers', () => {
  it('has no unconstrained request or response schema (route and path named)', () => {
    // the pack format's documents keep their own open slots (a default value, a webhook body)
    expect(unconstrainedSchemas(doc, PACK_FORMAT_SCHEMA_IDS)).toEqual([]);
  });

  it('documents a successful answer of every route', () => {
    expect(routesWithoutSuccess(doc)).toEqual([]);
  });

  it('references the real schemas for the opaque parts', () => {
    const response = (path: string, method: string, status = '200') =>
      JSON.stringify(doc.paths[path]?.[method]?.responses?.[status]);
    expect(response('/api/apps/{app}/forms/{form}', 'get')).toContain('#/components/schemas/FormDefinition');
    expect(response('/api/apps/{app}/rules/{rule}', 'get')).toContain('#/components/schemas/RuleDefinition');
    expect(response('/api/tasks/{id}', 'get')).toContain('#/components/schemas/TaskDetail');
    expect(response('/api/packs/plan', 'post')).toContain('#/components/schemas/PackPlan');
    expect(response('/api/apps/{app}/reports/query', 'post')).toContain('#/components/schemas/ChartRender');
    expect(JSON.stringify(doc.paths['/api/apps/{app}/reports/query']?.post?.requestBody)).toContain(
      '#/components/schemas/QueryModel',
    );
  });
});

describe('the checker', () => {
  const route = (schema: unknown): OpenApiDocument =>
    ({
      paths: { '/api/x': { post: { responses: { 200: { content: { 'application/json': { schema } } } } } } },
    }) as never;

  it.each([
    [{}, ['POST /api/x 200 application/json: {}']],
    [{ description: 'anything' }, ['POST /api/x 200 application/json: {"description":"anything"}']],
    [{ type: 'object', properties: { definition: {} } }, ['POST /api/x 200 application/json.definition: {}']],
    [
      { type: 'array', items: { type: 'object', additionalProperties: { description: 'x' } } },
      ['POST /api/x 200 application/json[]{*}: {"description":"x"}'],
    ],
    [{ anyOf: [{ type: 'string' }, {}] }, ['POST /api/x 200 application/json/anyOf/1: {}']],
    [{ $ref: '#/components/schemas/Record' }, []],
    [{ type: 'string', format: 'binary' }, []],
  ])('%j → %j', (schema, found) => {
    expect(unconstrainedSchemas(route(schema))).toEqual(found);
  });
});
