/** Typed errors carrying an HTTP status; the API's single error middleware maps them to responses. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 400, 'BAD_REQUEST', details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 404, 'NOT_FOUND', details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, 'PAYLOAD_TOO_LARGE');
  }
}

/** A model that cannot be loaded: `path` says where (e.g. `Fields[3].type`). */
export class ModelError extends BadRequestError {
  constructor(message: string, readonly path?: string) {
    super(path ? `${path}: ${message}` : message, path ? { path } : undefined);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 409, 'CONFLICT', details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(message, 401, 'UNAUTHORIZED');
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'FORBIDDEN') {
    super(message, 403, code);
  }
}

/** Too many failed sign-ins: refused without checking the password until `retryAfterSeconds` have passed. */
export class TooManyRequestsError extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, 429, 'TOO_MANY_REQUESTS', { retryAfterSeconds });
  }
}

/** A dependency the request needs (the event store) is down: retry later; nothing was recorded. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 503, 'SERVICE_UNAVAILABLE', details);
  }
}

/** A server the request reads from (a database, a broker, an object store) refused or failed: 502, saying which. */
export class UpstreamError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 502, 'UPSTREAM_FAILED', details);
  }
}
