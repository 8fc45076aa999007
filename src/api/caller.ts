/**
 * The caller of a request, as authorization recorded it on the context: the one place that writes and reads it.
 * A service without users has no signed-in caller; its writes are recorded as by "anonymous".
 */
import type { Context } from 'koa';
import type { Caller } from './authentication.js';

const ANONYMOUS = 'anonymous';

export function rememberCaller(ctx: Context, caller: Caller): void {
  (ctx.state as { user?: Caller }).user = caller;
}

/** The caller authorization let through (the anonymous admin of an open service); a route needing a role always has one. */
export function callerOf(ctx: Context): Caller {
  const caller = (ctx.state as { user?: Caller }).user;
  if (!caller) throw new Error(`no caller recorded for ${ctx.method} ${ctx.path}: the route is public`);
  return caller;
}

/** The signed-in user's name, or "anonymous". */
export function callerName(ctx: Context): string {
  return (ctx.state as { user?: Caller }).user?.name ?? ANONYMOUS;
}
