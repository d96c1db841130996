import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, type ApiErrorCode, type FieldError, toProblem } from './api-error';

/** Maps every error a route can raise to problem+json; stack traces go to the log, never to the client. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, ApiError.notFound(`No route ${request.method} ${request.url.split('?')[0]}.`)),
  );
}

export function sendProblem(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.status(error.status).type('application/problem+json').send(toProblem(error));
}

function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    return ApiError.validation(error.validation.map((v) => toFieldError(where, v)));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'VALIDATION_FAILED';
    return new ApiError(status, code, clientMessage(error));
  }
  return new ApiError(500, 'INTERNAL', 'Something went wrong on our side; it has been logged.');
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
  return error.message;
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string | undefined;
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
