import { ERROR_CATEGORIES, isErrorCode, TesseraError } from '@tessera/schema';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, type ApiErrorCode, type FieldError, problemLanguage, toProblem } from './api-error';

/**
 * Maps every error a route can raise to problem+json: the engines' coded errors as they are, the
 * framework's by status. The code's category decides the log level; stack traces go to the log,
 * never to the client.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const coded = toCodedError(error);
    const level = isErrorCode(coded.code) ? ERROR_CATEGORIES[coded.category].log : 'error';
    if (level === 'error') request.log.error({ err: error }, 'request failed');
    if (level === 'warn') request.log.warn({ err: error, code: coded.code }, 'request failed');
    return sendProblem(reply, coded);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, ApiError.notFound(`No route ${request.method} ${request.url.split('?')[0]}.`)),
  );
}

export function sendProblem(reply: FastifyReply, error: TesseraError): FastifyReply {
  if (reply.request.raw.complete === false) discardRestOfBody(reply);
  const problem = toProblem(error, problemLanguage(reply.request.headers['accept-language']));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** How long the rest of a refused body is read (and dropped) before the connection is closed. */
const LINGER_MS = 2_000;

/**
 * A request refused before its body was read (a bad option, a body over its limit): once the
 * problem is sent, the rest of the body is read and dropped — never stored — for at most
 * LINGER_MS, then the connection is closed. Closing at once would reset a connection the client
 * is still writing to, and clients then lose the response (a lingering close, as HTTP servers do).
 */
function discardRestOfBody(reply: FastifyReply): void {
  const request = reply.request.raw;
  reply.raw.once('finish', () => {
    const timer = setTimeout(() => request.socket.destroy(), LINGER_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
    request.resume();
  });
}

function toCodedError(error: FastifyError): TesseraError {
  if (error instanceof TesseraError) return error;
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    return ApiError.validation(alternativesAsOne(error.validation).map((v) => toFieldError(where, v)));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'VALIDATION_FAILED';
    return new ApiError(code, clientMessage(error));
  }
  return new ApiError('INTERNAL', 'Something went wrong on our side; it has been logged.');
}

const STATUS_CODES: Record<number, ApiErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return 'The body is not valid JSON.';
  if (error.statusCode === 429) return 'Too many requests; try again later.';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return 'The request body is too large (the limit of JSON bodies is set by TESSERA_MAX_JSON_BODY_MB).';
  return error.message;
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string | undefined;
}

/**
 * A value that must be one of a few literals fails as one `const` issue per literal plus an
 * `anyOf` (a union of literals) or one `enum` issue: said once, with the values to choose from.
 */
export function alternativesAsOne(issues: readonly AjvIssue[]): AjvIssue[] {
  const allowed = new Map<string, unknown[]>();
  for (const issue of issues) {
    if (issue.keyword !== 'const' && issue.keyword !== 'enum') continue;
    const values =
      issue.keyword === 'const' ? [issue.params.allowedValue] : (issue.params.allowedValues ?? []);
    allowed.set(issue.instancePath, [...(allowed.get(issue.instancePath) ?? []), ...values]);
  }
  if (allowed.size === 0) return [...issues];
  const out: AjvIssue[] = [];
  for (const issue of issues) {
    const values = allowed.get(issue.instancePath);
    if (!values) out.push(issue);
    else if (issue.keyword === 'const' || issue.keyword === 'enum') {
      if (out.some((o) => o.instancePath === issue.instancePath && o.keyword === 'enum')) continue;
      const list = [...new Set(values)]
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
        .join(', ');
      out.push({
        instancePath: issue.instancePath,
        keyword: 'enum',
        params: {},
        message: `must be one of: ${list}`,
      });
    } else if (issue.keyword !== 'anyOf') out.push(issue);
  }
  return out;
}

function toFieldError(where: string, issue: AjvIssue): FieldError {
  let path = issue.instancePath;
  if (issue.keyword === 'required') path = `${path}/${issue.params.missingProperty}`;
  if (issue.keyword === 'additionalProperties') path = `${path}/${issue.params.additionalProperty}`;
  const message =
    issue.keyword === 'required'
      ? 'is required'
      : issue.keyword === 'additionalProperties'
        ? 'is not a known property'
        : (issue.message ?? 'is invalid');
  return { path: `${where}${path}`, message };
}
