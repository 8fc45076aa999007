/**
 * CORS, closed unless DATAGEN_CORS_ORIGINS lists origins: then requests from exactly those origins get the
 * Access-Control headers (credentials allowed, since they carry HTTP Basic), and their preflights a 204.
 * Any other origin gets no CORS header at all, so browsers keep other sites from reading answers.
 */
import type { Middleware } from 'koa';

const METHODS = 'GET, HEAD, POST, DELETE';
const HEADERS = 'Authorization, Content-Type, Accept';

export function corsFor(origins: readonly string[]): Middleware {
  return (ctx, next) => {
    if (origins.length === 0) return next();
    ctx.vary('Origin');
    const origin = ctx.get('origin');
    if (!origins.includes(origin)) return next();
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Credentials', 'true');
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      ctx.set('Access-Control-Allow-Methods', METHODS);
      ctx.set('Access-Control-Allow-Headers', HEADERS);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate');
    return next();
  };
}
