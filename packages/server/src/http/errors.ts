// The HTTP edge of errors: one table from AppErrorCode to status, one handler for everything
// thrown, one not-found handler. Clients get a code, a message and the issues, never a stack.
import { LIMITS } from '@vigil/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, type AppErrorCode, type AppIssue, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import { issuesFromZod } from './validate.js';

/** APP_ERROR_TO_HTTP maps every AppErrorCode to its HTTP status: the only such table. */
export const APP_ERROR_TO_HTTP: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

// Fastify's own errors (raised before our handlers run) by their code.
const FASTIFY_CODES: Record<string, AppErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

const FASTIFY_MESSAGES: Partial<Record<AppErrorCode, string>> = {
  PAYLOAD_TOO_LARGE: `request body is larger than ${LIMITS.maxBodyBytes} bytes`,
  UNSUPPORTED_MEDIA_TYPE: 'unsupported Content-Type: send application/json',
};

/**
 * normalizeError turns anything a request can throw into an AppError: our own, zod's, Fastify's
 * client errors (4xx with a code), or an unknown failure (INTERNAL).
 */
export function normalizeError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    return new AppError({
      code: 'VALIDATION_FAILED',
      message: 'invalid input',
      issues: issuesFromZod(e),
    });
  }
  const fe = e as Partial<FastifyError>;
  const mapped = fe?.code === undefined ? undefined : FASTIFY_CODES[fe.code];
  if (mapped !== undefined) {
    return new AppError({
      code: mapped,
      message: FASTIFY_MESSAGES[mapped] ?? String(fe.message),
      cause: e,
    });
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError({ code: 'BAD_REQUEST', message: String(fe.message), cause: e });
  }
  return toAppError(e);
}

/** errorBody is the JSON every error answer carries: a code, a message, and the issues. */
export function errorBody(e: AppError): {
  error: { code: AppErrorCode; message: string; issues?: readonly AppIssue[] };
} {
  return {
    error: {
      code: e.code,
      message: e.message,
      ...(e.issues.length > 0 ? { issues: e.issues } : {}),
    },
  };
}

/** installErrorHandlers sets the one error handler and the not-found handler on `app`. */
export function installErrorHandlers(
  app: FastifyInstance,
  deps: { logger: Logger; metrics: ServerMetrics },
): void {
  app.setErrorHandler((error, request, reply) => {
    const e = normalizeError(error);
    const status = APP_ERROR_TO_HTTP[e.code];
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.errors.inc({ route, code: e.code });
    const fields = { method: request.method, route, status, code: e.code, reqId: request.id };
    if (status >= 500) {
      const cause = e.cause instanceof Error ? e.cause : e;
      deps.logger.error(e.message, { ...fields, err: cause.message, stack: cause.stack });
    } else if (status === 401 || status === 404) deps.logger.info(e.message, fields);
    else deps.logger.warn(e.message, fields);
    // 413: the rest of the body is never read, so the connection cannot be reused.
    if (status === 413) reply.header('connection', 'close');
    return reply.status(status).send(errorBody(e));
  });
  app.setNotFoundHandler((request, reply) => {
    deps.metrics.errors.inc({ route: 'unmatched', code: 'NOT_FOUND' });
    return reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
}
