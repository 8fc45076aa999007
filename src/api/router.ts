/**
 * Every API router is made here: paths match case-sensitively and strictly (no trailing-slash variant), as the
 * original's Spring service matched them, so a path either is a declared route or is a 404. Authorization is
 * attached to the route the router chose (security/authorization.ts), which refuses routers made otherwise.
 */
import Router, { type RouterOptions } from '@koa/router';

export function apiRouter(options: Omit<RouterOptions, 'sensitive' | 'strict'> = {}): Router {
  return new Router({ ...options, sensitive: true, strict: true });
}
