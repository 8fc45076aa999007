/**
 * Cross-site request forgery defence: a request that changes state (any method but GET, HEAD and OPTIONS) is
 * refused when the browser says it comes from another site: `Sec-Fetch-Site: cross-site | same-site`, or an
 * `Origin` that is not this service's own (scheme://host:port of the request's Host) nor one listed in
 * DATAGEN_CORS_ORIGINS. curl and the CLI send neither header; the dashboard and the API page send this origin.
 */
import type { Context, Middleware } from 'koa';
import { ForbiddenError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

/** Why the request is cross-site, or undefined when it is not (or cannot change anything). */
export function crossSiteReason(ctx: Context, trustedOrigins: readonly string[]): string | undefined {
  if (SAFE_METHODS.has(ctx.method)) return undefined;
  const origin = ctx.get('origin');
  if (origin && trustedOrigins.includes(origin)) return undefined;
  if (origin) {
    const own = ctx.host ? originOf(`${ctx.protocol}://${ctx.host}`) : undefined;
    if (originOf(origin) !== own || own === undefined) return `its Origin ${origin} is not this service's origin ${own ?? '(no Host header)'}`;
  }
  const site = ctx.get('sec-fetch-site').toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return `the browser sent it from another site (Sec-Fetch-Site: ${site})`;
  return undefined;
}

export function sameOriginOnly(trustedOrigins: readonly string[]): Middleware {
  return (ctx, next) => {
    const reason = crossSiteReason(ctx, trustedOrigins);
    if (reason) {
      throw new ForbiddenError(`cross-site ${ctx.method} ${ctx.path} refused: ${reason}. Use the service's own pages, or a client that is not a browser (curl, datagen); to allow another site, list its origin in DATAGEN_CORS_ORIGINS`, 'CROSS_SITE_REQUEST');
    }
    return next();
  };
}
