/**
 * Authorization on the matched route, in a Koa app served over real HTTP: roles come from the OpenAPI document,
 * a route the document does not declare is admin-only, and a router that matches loosely is refused at start-up.
 */
import test from 'ava';
import Router from '@koa/router';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createAuthenticator } from '../../../src/api/authentication.js';
import { guardRoutes, unmatchedRoute } from '../../../src/api/authorization.js';
import { errorMiddleware } from '../../../src/api/errors.js';
import { requiredRole, satisfies } from '../../../src/api/route-roles.js';
import { apiRouter } from '../../../src/api/router.js';
import { InMemoryUserStore } from '../../../src/memory/memory-user-store.js';
import { UserDirectory } from '../../../src/users/user-directory.js';

const log = pino({ level: 'silent' });
const users = [
  { name: 'root', password: 'root-pw', role: 'admin' as const },
  { name: 'watcher', password: 'watcher-pw', role: 'viewer' as const },
];
const auth = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${user}-pw`).toString('base64')}` });

test('roles are the document\'s, HEAD follows GET, and a route it does not declare needs admin', (t) => {
  t.is(requiredRole('GET', '/api/v1/health/status', '/api/v1'), 'public');
  t.is(requiredRole('HEAD', '/command/getAll', ''), 'viewer');
  t.is(requiredRole('POST', '/command/getAll', ''), 'viewer');
  t.is(requiredRole('POST', '/api/v1/datagen/:service', '/api/v1'), 'user');
  t.is(requiredRole('POST', '/datagen/dataset', ''), 'user', 'a dataset submits commands');
  t.is(requiredRole('POST', '/api/v1/datagen/dataset', '/api/v1'), 'user');
  t.is(requiredRole('POST', '/command/cancel', ''), 'user', 'a user cancels their own commands (the use case decides whose)');
  t.is(requiredRole('POST', '/admin/replay', ''), 'admin');
  t.is(requiredRole('GET', '/dashboard/js/:path', ''), 'public', 'the dashboard page and its static files hold no data: they load so the login form can show');
  t.is(requiredRole('GET', '/not/declared', ''), 'admin');
  t.is(requiredRole('DELETE', '/command/getAll', ''), 'admin', 'a method the document does not declare on the path');
  t.is(requiredRole('GET', '/api/v1/health/status', ''), 'admin', 'a prefix that is not the router\'s is not stripped');
});

test('roles nest: admin does what user does, user what viewer does; no credentials only public routes', (t) => {
  const needed = ['public', 'viewer', 'user', 'admin'] as const;
  const allowed = (role: 'viewer' | 'user' | 'admin' | undefined) => needed.filter((n) => satisfies(role, n));
  t.deepEqual(allowed(undefined), ['public']);
  t.deepEqual(allowed('viewer'), ['public', 'viewer']);
  t.deepEqual(allowed('user'), ['public', 'viewer', 'user']);
  t.deepEqual(allowed('admin'), ['public', 'viewer', 'user', 'admin']);
});

test('an undeclared route answers only admins; an unknown path is 401 without credentials, 404 with', async (t) => {
  const router = apiRouter();
  router.get('/undeclared/report', (ctx) => void (ctx.body = { secret: 'report' }));
  router.get('/health/status', (ctx) => void (ctx.body = { status: 'OK' }));
  const app = new Koa();
  const authenticate = createAuthenticator(new UserDirectory(users, new InMemoryUserStore()), { maxFailuresPerUser: 5, maxFailuresPerAddress: 20, lockoutSeconds: 60 }, log);
  app.use(errorMiddleware(log, 1024));
  app.use(guardRoutes(router, '', authenticate).routes());
  app.use(unmatchedRoute(authenticate));
  const server = app.listen(0, '127.0.0.1');
  t.teardown(() => server.close());
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const status = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${base}${path}`, { headers })).status;

  t.is(await status('/undeclared/report'), 401);
  t.is(await status('/undeclared/report', auth('watcher')), 403);
  t.is(await status('/undeclared/report', auth('root')), 200);
  t.is(await status('/health/status'), 200, 'public, as declared');
  t.is(await status('/Undeclared/Report', auth('root')), 404);
  t.is(await status('/undeclared/report/', auth('root')), 404);
  t.is(await status('/nowhere'), 401);
  t.is(await status('/nowhere', auth('watcher')), 404);
});

test('a router that matches paths case-insensitively or with a trailing slash is refused at start-up', (t) => {
  const loose = new Router();
  loose.get('/command/getAll', (ctx) => void (ctx.body = []));
  const authenticate = createAuthenticator(new UserDirectory([], new InMemoryUserStore()), { maxFailuresPerUser: 5, maxFailuresPerAddress: 20, lockoutSeconds: 60 }, log);
  const err = t.throws(() => guardRoutes(loose, '', authenticate));
  t.regex(err!.message, /GET \/command\/getAll must come from apiRouter\(\)/);
});
