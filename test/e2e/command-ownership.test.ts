/**
 * Who may stop a command or a schedule, through a real `datagen serve` with users: a user cancels their own
 * commands and removes their own schedules; another user's answer 403 and stay as they were; an admin stops
 * anyone's; a viewer stops nothing (the route needs the user role).
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

const USERS = { root: 'root-Secret-1', ann: 'ann-Secret-1', bob: 'bob-Secret-1', vic: 'vic-Secret-1' };
type Who = keyof typeof USERS;
const auth = (who: Who) => ({ authorization: `Basic ${Buffer.from(`${who}:${USERS[who]}`).toString('base64')}` });

let svc: ServiceProcess;

async function call(who: Who, path: string, body?: FormData) {
  const res = await fetch(`${svc.url}${path}`, { method: 'POST', headers: auth(who), ...(body ? { body } : {}) });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, body: parsed, text };
}

/** A command far too long to end during the test (or, with a delay, a schedule), on a model of its own. */
async function submit(who: Who, name: string, delaySeconds?: number): Promise<string> {
  const f = new FormData();
  f.set('rows', '1000');
  f.set('batches', '1000000');
  if (delaySeconds) f.set('delay_between_executions_seconds', String(delaySeconds));
  f.set('model_file', new Blob([JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] })], { type: 'application/json' }), 'model.json');
  const res = await call(who, '/datagen/json', f);
  if (res.status !== 200) throw new Error(`${who} submitting ${name}: ${res.status} ${res.text}`);
  return res.body.commandUuid;
}

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: Object.entries(USERS).map(([n, p]) => `${n}:${p}:${n === 'root' ? 'admin' : n === 'vic' ? 'viewer' : 'user'}`).join(','), DATAGEN_WORKER_SLOTS: '1' } });
});
test.after.always(async () => {
  await svc?.stop();
});

test.serial('a user cancels their own command; another user gets 403 and the command runs on; a viewer gets 403; an admin cancels anyone\'s', async (t) => {
  const anns = await submit('ann', 'ann-cmd');
  const bobs = await submit('bob', 'bob-cmd');
  const refused = await call('bob', `/command/cancel?commandUuid=${anns}`);
  t.is(refused.status, 403, refused.text);
  t.is(refused.body.error, `user bob may not stop command ${anns}: only its owner and the service's admins may`);
  t.is((await call('vic', `/command/cancel?commandUuid=${anns}`)).status, 403, 'a viewer stops nothing');
  const history = await call('root', `/command/history?commandUuid=${anns}`);
  t.false(JSON.stringify(history.body).includes('cancel-requested'), 'nothing was recorded for the refused requests');
  const own = await call('ann', `/command/cancel?commandUuid=${anns}`);
  t.is(own.status, 200, own.text);
  t.is(own.body.commandUuid, anns);
  const byAdmin = await call('root', `/command/cancel?commandUuid=${bobs}`);
  t.is(byAdmin.status, 200, byAdmin.text);
  const details = await call('root', `/command/get?commandUuid=${bobs}`);
  t.is(details.body.owner, 'bob');
});

test.serial('a user removes their own schedule; another user\'s removal is a 403 and it stays ACTIVE; an admin removes anyone\'s', async (t) => {
  const anns = await submit('ann', 'ann-sched', 3600);
  const bobs = await submit('bob', 'bob-sched', 3600);
  const refused = await call('ann', `/command/removeScheduled?commandUuid=${bobs}`);
  t.is(refused.status, 403, refused.text);
  t.regex(refused.body.error, new RegExp(`^user ann may not stop schedule ${bobs}`));
  t.is((await call('vic', `/command/removeScheduled?commandUuid=${bobs}`)).status, 403);
  const listed = (await call('root', '/command/getAllScheduled')).body as Array<{ scheduleId: string }>;
  t.true(listed.some((s) => s.scheduleId === bobs), 'bob\'s schedule is still listed');
  const own = await call('ann', `/command/removeScheduled?commandUuid=${anns}`);
  t.is(own.status, 200, own.text);
  t.is(own.body.status, 'REMOVED');
  const byAdmin = await call('root', `/command/removeScheduled?commandUuid=${bobs}`);
  t.is(byAdmin.status, 200, byAdmin.text);
  t.deepEqual((await call('root', '/command/getAllScheduled')).body, [], 'both are removed');
});
