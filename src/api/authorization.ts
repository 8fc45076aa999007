/**
 * Authorization on the route the router chose: each declared route (a router layer) gets, ahead of its own
 * middleware, a guard that checks the role its method needs there (route-roles.ts; undeclared: admin). The
 * decision never re-reads the request path, so no spelling of a path can reach a route without its check; and
 * routers must match case-sensitively and strictly (router.ts), so a variant spelling is simply no route.
 * Bodies are parsed only after the check, so refused requests cost nothing; a body the route's operation does not
 * declare is refused before parsing too (body-types.ts).
 */
import type Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import { AppError, ForbiddenError, NotFoundError } from '../errors.js';
import { challenge, type Authenticate } from './authentication.js';
import { rememberCaller } from './caller.js';
import { acceptedBodyTypes, requiredRole, satisfies, type Role } from './route-roles.js';
import { declaredBodyGuard } from './body-types.js';

/** Rejects a caller who may not use a route needing `needed`: 401 without credentials, 403 with too small a role. */
async function authorize(ctx: Context, authenticate: Authenticate, needed: Role): Promise<void> {
  if (needed === 'public') return;
  const caller = await authenticate(ctx);
  if (!caller) throw challenge(ctx, 'authentication required (HTTP Basic)');
  rememberCaller(ctx, caller);
  if (!satisfies(caller.role, needed)) {
    throw new ForbiddenError(`user ${caller.name} (role ${caller.role}) may not ${ctx.method} ${ctx.path}: ${needed} role required`);
  }
}

/** The roles of every guarded route, by method: what the last middleware needs to know of a matched path. */
const guardedRoles = new WeakMap<object, Map<string, Role>>();

/**
 * Puts the role check (then `before`, e.g. the body parser) in front of every route of `router`, whose paths
 * carry `prefix`. Throws at start-up for a router that matches paths loosely.
 */
export function guardRoutes(router: Router, prefix: string, authenticate: Authenticate, before: Middleware[] = []): Router {
  for (const layer of router.stack) {
    if (layer.methods.length === 0) continue; // router.use() middleware, not a route
    const opts = layer.opts as { sensitive?: boolean; strict?: boolean };
    if (!opts.sensitive || !opts.strict || typeof layer.path !== 'string') {
      throw new Error(`route ${layer.methods.join(',')} ${String(layer.path)} must come from apiRouter() (case-sensitive, strict matching)`);
    }
    const roles = new Map(layer.methods.map((m) => [m, requiredRole(m, layer.path as string, prefix)]));
    guardedRoles.set(layer, roles);
    const guard = async (ctx: Context, next: Next) => {
      await authorize(ctx, authenticate, roles.get(ctx.method) ?? 'admin');
      return next();
    };
    const bodies = new Map(layer.methods.map((m) => [m, declaredBodyGuard(acceptedBodyTypes(m, layer.path as string, prefix))]));
    const bodyGuard = (ctx: Context, next: Next) => (bodies.get(ctx.method) ?? declaredBodyGuard([]))(ctx, next);
    layer.stack.unshift(guard, bodyGuard, ...before);
  }
  return router;
}

interface MatchedLayer {
  methods: string[];
}

const isPublic = (layer: MatchedLayer) => [...(guardedRoles.get(layer)?.values() ?? ['admin'])].every((role) => role === 'public');

/**
 * The last middleware: no route took the request. Without valid credentials (when users are configured) that
 * is a 401, unless the path holds only public routes, so anonymous callers learn nothing about other paths;
 * otherwise a 405 with Allow when the path exists with other methods (OPTIONS included), else a 404.
 */
export function unmatchedRoute(authenticate: Authenticate): Middleware {
  return async (ctx) => {
    const matched = ((ctx as unknown as { matched?: MatchedLayer[] }).matched ?? []).filter((layer) => layer.methods.length > 0);
    const onlyPublic = matched.length > 0 && matched.every(isPublic);
    if (!onlyPublic) await authorize(ctx, authenticate, 'viewer');
    const allowed = [...new Set(matched.flatMap((layer) => layer.methods))];
    if (allowed.length && !allowed.includes(ctx.method)) {
      ctx.set('Allow', allowed.join(', '));
      throw new AppError(`method ${ctx.method} is not allowed on ${ctx.path}; use ${allowed.filter((m) => m !== 'HEAD').join(' or ')}`, 405, 'METHOD_NOT_ALLOWED');
    }
    throw new NotFoundError(`no route ${ctx.method} ${ctx.path}`);
  };
}
