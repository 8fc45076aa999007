/**
 * Who is calling: HTTP Basic credentials checked against the user directory (configured and stored users), with
 * failed attempts throttled per user name and per client address (auth-throttle.ts). Asked only by routes that are
 * not public, so health and metrics never are throttled. With no user at all, every caller is the anonymous admin.
 */
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { TooManyRequestsError, UnauthorizedError } from '../errors.js';
import { FailureThrottle } from './auth-throttle.js';
import type { Caller, UserDirectory } from '../users/user-directory.js';
import { basicCredentials } from './basic-credentials.js';

export type { Caller };

/** The caller, or undefined when the request carries no credentials; throws 401 (wrong ones) or 429 (throttled). */
export type Authenticate = (ctx: Context) => Promise<Caller | undefined>;

const ANONYMOUS_ADMIN: Caller = { name: 'anonymous', role: 'admin', groups: ['admin'] };

const MINUTE = 60_000;
const MAX_KEYS = 10_000;
/** Long user names are cut for counting, so each tracked key stays small. */
const KEY_LENGTH = 128;

export function challenge(ctx: Context, message: string): UnauthorizedError {
  // The dashboard's login form asks for no challenge: with one, the browser would show its own prompt over the form.
  if (ctx.get('x-datagen-login') !== 'form') ctx.set('WWW-Authenticate', 'Basic realm="datagen", charset="UTF-8"');
  return new UnauthorizedError(message);
}

export function createAuthenticator(users: UserDirectory, limits: Config['authThrottle'], log: Logger): Authenticate {
  const options = { windowMs: MINUTE, lockoutMs: limits.lockoutSeconds * 1000, maxLockoutMs: Math.max(limits.lockoutSeconds * 1000, 15 * MINUTE), forgetMs: 60 * MINUTE, maxKeys: MAX_KEYS };
  const byUser = new FailureThrottle({ ...options, maxFailures: limits.maxFailuresPerUser });
  const byAddress = new FailureThrottle({ ...options, maxFailures: limits.maxFailuresPerAddress });

  const refuseIfLocked = (ctx: Context, name: string | undefined) => {
    const userWait = name === undefined ? 0 : byUser.lockedFor(name);
    const wait = Math.max(userWait, byAddress.lockedFor(ctx.ip));
    if (wait === 0) return;
    const seconds = Math.ceil(wait / 1000);
    ctx.set('Retry-After', String(seconds));
    const who = userWait === wait ? `for user "${name}"` : 'from this address';
    throw new TooManyRequestsError(`too many failed sign-ins ${who}; retry in ${seconds} s (the password was not checked)`, seconds);
  };

  const recordFailure = (ctx: Context, name: string | undefined) => {
    const userLock = name === undefined ? 0 : byUser.fail(name);
    const addressLock = byAddress.fail(ctx.ip);
    if (userLock || addressLock) log.warn({ user: name, address: ctx.ip, lockedSeconds: Math.max(userLock, addressLock) / 1000, by: userLock ? 'user' : 'address' }, 'sign-ins locked after repeated failures');
  };

  return async (ctx) => {
    const state = ctx.state as { caller?: Caller | null };
    if (state.caller !== undefined) return state.caller ?? undefined;
    if (!(await users.signInRequired())) return (state.caller = ANONYMOUS_ADMIN);
    const header = ctx.get('authorization');
    if (!header) {
      state.caller = null;
      return undefined;
    }
    const given = basicCredentials(header);
    const name = given?.name.slice(0, KEY_LENGTH);
    refuseIfLocked(ctx, name);
    const user = given ? await users.verify(given.name, given.password) : undefined;
    if (!user) {
      recordFailure(ctx, name);
      throw challenge(ctx, 'invalid credentials');
    }
    byUser.reset(name!);
    state.caller = { name: user.name, role: user.role, groups: user.groups };
    return state.caller;
  };
}
