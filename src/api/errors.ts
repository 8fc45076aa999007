/**
 * The API's single error middleware: typed errors become their status with a JSON body in the
 * Datagen shape ({ commandUuid: "", error }); anything unexpected is a logged 500 that never leaks internals.
 */
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { redactUrlUserInfo } from '../secrets.js';
import { scrubKnownSecrets } from '../secrets/known-values.js';

interface MulterLikeError extends Error {
  code?: string;
  field?: string;
}

const MULTER_MESSAGES: Record<string, (e: MulterLikeError, limitBytes: number) => [number, string]> = {
  LIMIT_FILE_SIZE: (e, limit) => [413, `uploaded file "${e.field}" is larger than the limit of ${limit} bytes (DATAGEN_MAX_UPLOAD_BYTES)`],
  LIMIT_FIELD_VALUE: (e, limit) => [413, `form field "${e.field}" is larger than the limit of ${limit} bytes`],
  LIMIT_FILE_COUNT: () => [400, 'too many uploaded files (at most 2: model_file and model)'],
  LIMIT_FIELD_COUNT: () => [400, 'too many form fields'],
  LIMIT_PART_COUNT: () => [400, 'too many multipart parts'],
  LIMIT_FIELD_KEY: () => [400, 'a form field name is too long'],
  MISSING_FIELD_NAME: () => [400, 'a multipart part has no field name'],
  LIMIT_UNEXPECTED_FILE: (e) => [400, `unexpected uploaded file field "${e.field}"`],
};

/** Maps an unexpected error to a typed one when it has a known meaning (e.g. the event store is down: 503). */
export type ErrorMapper = (err: unknown) => AppError | undefined;

export function errorMiddleware(log: Logger, limitBytes: number, mapUnexpected: ErrorMapper = () => undefined) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (raw) {
      const err = raw instanceof AppError ? raw : (mapUnexpected(raw) ?? raw);
      const [status, rawBody] = toResponse(err, limitBytes);
      const body = withoutSecrets(rawBody);
      if (status === 503) log.warn({ err: (err as Error).message, path: ctx.path }, 'request refused: a dependency is unavailable');
      else if (status >= 500) log.error({ err, path: ctx.path }, 'request failed');
      else log.debug({ status, error: body.error, path: ctx.path }, 'request rejected');
      ctx.status = status;
      ctx.body = body;
    }
  };
}

/** Error texts may quote a value (a path, a URL, a driver's message): never a secret this process knows. */
function withoutSecrets(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, withoutSecretText(v)]));
}

function withoutSecretText(v: unknown): unknown {
  if (typeof v === 'string') return scrubKnownSecrets(redactUrlUserInfo(v));
  if (v && typeof v === 'object' && !Array.isArray(v)) return withoutSecrets(v as Record<string, unknown>);
  return v;
}

function toResponse(err: unknown, limitBytes: number): [number, Record<string, unknown>] {
  if (err instanceof AppError) return [err.status, { commandUuid: '', error: err.message, code: err.code, ...(err.details ? { details: err.details } : {}) }];
  const e = err as MulterLikeError & { status?: number; expose?: boolean; type?: string };
  if (e?.name === 'MulterError' && e.code) {
    const [status, message] = (MULTER_MESSAGES[e.code] ?? (() => [400, e.message]))(e, limitBytes);
    return [status, { commandUuid: '', error: message, code: e.code }];
  }
  // Body-parser and busboy errors carry a 4xx status (malformed JSON or multipart, too large, ...).
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return [e.status, { commandUuid: '', error: e.status === 413 ? `request body is larger than the limit of ${limitBytes} bytes` : e.message, code: e.type ?? 'BAD_REQUEST' }];
  }
  if (/Unexpected end of form|Malformed part header|Multipart: Boundary not found/i.test(e?.message ?? '')) {
    return [400, { commandUuid: '', error: `malformed multipart body: ${e.message}`, code: 'BAD_MULTIPART' }];
  }
  return [500, { commandUuid: '', error: 'internal error (see the service log)', code: 'INTERNAL' }];
}
