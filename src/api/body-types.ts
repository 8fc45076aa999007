/**
 * A request body must be one the route's OpenAPI operation declares: a body sent to an operation that takes none,
 * or in a media type it does not read, is a 415 saying what the route accepts, instead of being silently ignored
 * (a client that sends XML, or JSON to a multipart-only route, learns at once that nothing of it was read).
 */
import type { Context, Next } from 'koa';
import { AppError } from '../errors.js';

function hasBody(ctx: Context): boolean {
  const length = ctx.get('content-length');
  return ctx.get('transfer-encoding') !== '' || (length !== '' && Number(length) > 0);
}

export function declaredBodyGuard(types: string[]) {
  return (ctx: Context, next: Next) => {
    if (!hasBody(ctx)) return next();
    if (types.length === 0) {
      throw new AppError(`${ctx.method} ${ctx.path} takes no request body; send its parameters in the query string`, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    if (!ctx.is(types)) {
      throw new AppError(`${ctx.method} ${ctx.path} reads a body of type ${types.join(' or ')}, not "${ctx.get('content-type') || 'none given'}"`, 415, 'UNSUPPORTED_MEDIA_TYPE', { accepted: types });
    }
    return next();
  };
}
