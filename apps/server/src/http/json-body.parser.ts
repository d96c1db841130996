import { jsonTextTooDeep } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error';

/**
 * Every JSON request body goes through fastify's own parser (secure-json-parse: prototype
 * poisoning refused) after a linear scan of its nesting: a body deeper than `maxDepth` is a 400
 * before anything recursive (schema validation, the logic compilers, serialisers) sees it —
 * a filter nested 20,000 deep must not overflow the stack.
 */
export function registerJsonBodyParser(app: FastifyInstance, maxDepth: number): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonTextTooDeep(text, maxDepth)) {
      done(tooDeep(maxDepth), undefined);
      return;
    }
    parse(request, text, (error, value) => {
      // valid JSON refused for prototype poisoning: say so, not "not valid JSON"
      if (error && PROTOTYPE_KEY.test(text)) done(prototypeKey(), undefined);
      else done(error, value);
    });
  });
}

/** A `"__proto__"` or `"constructor"` property name, what secure-json-parse refuses. */
const PROTOTYPE_KEY = /"(?:__proto__|constructor)"\s*:/;

function prototypeKey(): ApiError {
  return ApiError.validation(
    [{ path: 'body', message: 'names "__proto__" or "constructor.prototype", which no request may carry' }],
    'The request body names a prototype property.',
  );
}

export function tooDeep(maxDepth: number, path = 'body'): ApiError {
  return ApiError.validation(
    [
      {
        path,
        message: `nests deeper than ${maxDepth} levels of objects and arrays (the limit is set by TESSERA_MAX_JSON_DEPTH)`,
      },
    ],
    'The request body nests too deeply.',
  );
}
