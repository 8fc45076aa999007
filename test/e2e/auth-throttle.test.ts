/**
 * Brute-force throttling of HTTP Basic sign-ins against a real `datagen serve` with users: failures counted per
 * user name and per client address lock sign-ins (429 with Retry-After, the password not even checked); other
 * users and addresses are unaffected; a success resets the user's count; health and metrics are never throttled.
 */
import test from 'ava';
import http from 'node:http';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin,watcher:watcher-pw:viewer,ops:ops-pw:viewer,dev:dev-pw:viewer' } });
});
test.after.always(async () => {
  await svc?.stop();
});

interface Answer {
  status: number;
  retryAfter?: string;
  text: string;
}

/** GET with these credentials, from a chosen loopback address (all of 127.0.0.0/8 reaches the service). */
function get(path: string, authorization: string, localAddress = '127.0.0.1'): Promise<Answer> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url.hostname, port: url.port, path, localAddress, headers: { authorization } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, text }));
    });
    req.on('error', reject);
  });
}

test.serial('five wrong passwords lock the user: 429 with Retry-After, even for the right password; others unaffected', async (t) => {
  for (let i = 0; i < 5; i++) {
    const answer = await get('/command/getAll', basic('root', `wrong-password-${i}`));
    t.is(answer.status, 401, `attempt ${i + 1}`);
  }
  const sixth = await get('/command/getAll', basic('root', 'wrong-password-6'));
  t.is(sixth.status, 429);
  t.true(Number(sixth.retryAfter) > 0, `Retry-After: ${sixth.retryAfter}`);
  const right = await get('/command/getAll', basic('root', 'root-pw'));
  t.is(right.status, 429, 'the right password is not even checked while locked');
  t.true(Number(right.retryAfter) > 0);
  t.regex(JSON.parse(right.text).error, /too many failed sign-ins for user "root"; retry in \d+ s/);
  t.is((await get('/command/getAll', basic('watcher', 'watcher-pw'))).status, 200, 'another user signs in');
  t.is((await get('/admin/replay', basic('root', 'root-pw'))).status, 429, 'every route that needs credentials');
});

test.serial('a success resets the user\'s count', async (t) => {
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++) t.is((await get('/command/getAll', basic('ops', `nope-${round}-${i}`))).status, 401);
    t.is((await get('/command/getAll', basic('ops', 'ops-pw'))).status, 200, `round ${round}: 4 failures then the right password`);
  }
});

test.serial('health and metrics stay public and unthrottled, whatever credentials come with them', async (t) => {
  for (let i = 0; i < 10; i++) {
    for (const path of ['/health/status', '/api/v1/health/status', '/metrics', '/metrics/all']) {
      t.is((await get(path, basic('root', `wrong-${i}`), '127.0.0.3')).status, 200, path);
    }
  }
  t.is((await get('/command/getAll', basic('dev', 'dev-pw'), '127.0.0.3')).status, 200, 'nothing was counted for that address');
});

test.serial('failures from one address lock that address, for any user name, without affecting other addresses', async (t) => {
  // Twenty different names, each failing once: no user reaches its limit, the address does.
  for (let i = 0; i < 20; i++) t.is((await get('/command/getAll', basic(`guess-${i}`, 'x'), '127.0.0.2')).status, 401);
  const locked = await get('/command/getAll', basic('dev', 'dev-pw'), '127.0.0.2');
  t.is(locked.status, 429);
  t.regex(JSON.parse(locked.text).error, /from this address/);
  t.true(Number(locked.retryAfter) > 0);
  t.is((await get('/command/getAll', basic('dev', 'dev-pw'), '127.0.0.4')).status, 200, 'the same user from elsewhere');
});

test.serial('no password tried appears in the log, and the lockouts are logged', (t) => {
  const log = svc.output();
  t.false(/wrong-password|nope-|root-pw/.test(log));
  t.regex(log, /sign-ins locked after repeated failures/);
});
