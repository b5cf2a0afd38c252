/** The API's error body and the mapping of every failure to it. */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

/** What every error response looks like. */
export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  /** Set on a chat failure: the conversation the user's message was saved in. */
  conversation_id?: number;
}

/** An expected failure that becomes an HTTP response; never logged as a bug. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, body: ErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
  }
}

/** Parses `value` or throws a 400 that names the first bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  const message = issue?.message ?? 'is invalid';
  throw new HttpError(400, { error: 'bad_request', message: `${field}: ${message}`, field });
}

/** 404 for a resource that does not exist or belongs to someone else: both look the same. */
export function notFound(what: string, id: number): HttpError {
  return new HttpError(404, { error: 'not_found', message: `${what} ${id} not found` });
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  // DNS not answering yet: in Kubernetes, the database Service's name has no address until
  // its pod is ready, so a backend that starts first sees this and must wait, not exit.
  'EAI_AGAIN',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when `error` (or what caused it) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && connectionErrorCodes.has(code)) return true;
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
        e.message,
      )
    ) {
      return true;
    }
    e = e.cause;
  }
  return false;
}

/** Installs the error and not-found handlers so every failure has the same JSON shape. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    } satisfies ErrorBody);
  });

  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.body);
    }
    const code = (error as FastifyError).code;
    switch (code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send({
          error: 'bad_request',
          message:
            code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? 'body: is empty; send a JSON object'
              : 'body: is not valid JSON',
          field: 'body',
        } satisfies ErrorBody);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({
          error: 'payload_too_large',
          message: `body: is larger than ${request.routeOptions.bodyLimit ?? 0} bytes`,
          field: 'body',
        } satisfies ErrorBody);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({
          error: 'unsupported_media_type',
          message: 'body: send JSON with Content-Type: application/json',
          field: 'body',
        } satisfies ErrorBody);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).send({
        error: 'database_unavailable',
        message: 'The database is unreachable; try again shortly',
      } satisfies ErrorBody);
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ error: 'bad_request', message: error.message } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: 'internal', message: 'Internal server error' } satisfies ErrorBody);
  });
}
