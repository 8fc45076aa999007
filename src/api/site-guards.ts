/**
 * What every request passes before routing: the Host allow-list (only without users: with users, a rebound
 * name still needs credentials), CORS for configured origins, and the refusal of cross-site writes.
 */
import type { Middleware } from 'koa';
import type { Config } from '../config.js';
import type { User } from '../users/configured-users.js';
import { corsFor } from './cors.js';
import { allowedHosts, hostAllowList } from './host-allow-list.js';
import { sameOriginOnly } from './same-origin.js';

export function siteGuards(config: Pick<Config, 'host' | 'allowedHosts' | 'corsOrigins'>, users: User[]): Middleware[] {
  return [
    ...(users.length === 0 ? [hostAllowList(allowedHosts(config.host, config.allowedHosts))] : []),
    corsFor(config.corsOrigins),
    sameOriginOnly(config.corsOrigins),
  ];
}
