/**
 * LDAP sign-in through a real `datagen serve` and a real slapd (test/helpers/services/ldap.ts), searching as a
 * service account: directory accounts read, upload and administer per their groups; wrong and empty passwords and
 * injected names are 401; an internal user of the same name is asked first and alone; a stopped directory is a 503
 * naming LDAP; no password reaches an answer or the log.
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';
import { LDAP_PEOPLE, LDAP_SERVICE_PASSWORD, ldapUnavailableReason, startLdap, type LdapService } from '../helpers/services/ldap.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const ldap = await storeForTests<LdapService>(test, 'ldap', ldapUnavailableReason, startLdap);
const ROOT_PASSWORD = 'root-Internal-1';
const pw = (uid: string) => LDAP_PEOPLE[uid]!.password;
const basic = (name: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });

let svc: ServiceProcess;
/** Every answer's text, searched for passwords at the end. */
const answers: string[] = [];

async function call(name: string, password: string, method: string, path: string, body?: FormData) {
  const { url } = await serve();
  const res = await fetch(`${url}${path}`, { method, headers: basic(name, password), ...(body ? { body } : {}) });
  const text = await res.text();
  answers.push(text);
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, body: parsed, text };
}
const read = (name: string, password: string) => call(name, password, 'GET', '/command/getAll');
const upload = (name: string, password: string, model: string) => {
  const f = new FormData();
  f.set('model_file', new Blob([JSON.stringify({ model_name: model, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] })], { type: 'application/json' }), 'model.json');
  return call(name, password, 'POST', '/model_store/add', f);
};

/** The service, started at the first call: it needs the directory, which storeForTests' hook starts alongside ours. */
function serve(): Promise<ServiceProcess> {
  started ??= startServe({
    env: {
      ...ldap.service().env,
      // The directory's settings: search as its service account, datagen-admins → admin, datagen-users → user.
      DATAGEN_USERS: `root:${ROOT_PASSWORD}:admin`,
      // Long enough to outlive the file: the stopped-directory test relies on alice being remembered.
      DATAGEN_LDAP_CACHE_SECONDS: '3600',
      DATAGEN_AUTH_MAX_FAILURES: '50',
      DATAGEN_AUTH_MAX_FAILURES_PER_ADDRESS: '200',
    },
  }).then((s) => (svc = s));
  return started;
}
let started: Promise<ServiceProcess> | undefined;

test.after.always(async () => {
  await svc?.stop();
});

ldap.test('a directory account with the right password reads; wrong, empty and injected credentials are 401', async (t) => {
  t.is((await read('alice', pw('alice'))).status, 200);
  t.is((await read('vera', pw('vera'))).status, 200, 'in no group: a viewer');
  for (const [name, password] of [['alice', 'wrong'], ['alice', ''], ['vera', ''], ['nobody', 'x'], ['*)(uid=*', pw('alice')], ['*', pw('alice')], ['alice)(uid=*', pw('alice')], ['o*', pw('o*brien(x)')]]) {
    const answer = await read(name!, password!);
    t.is(answer.status, 401, `${name}:${password}`);
    t.is(answer.body.error, 'invalid credentials');
  }
  t.is((await read('o*brien(x)', pw('o*brien(x)'))).status, 200, 'a name with metacharacters is itself');
});

ldap.test('groups give the roles: an admin-group member administers, a user-group member uploads and owns, a viewer may not', async (t) => {
  t.is((await call('adam', pw('adam'), 'GET', '/users/list')).status, 200, 'datagen-admins: admin');
  t.is((await call('alice', pw('alice'), 'GET', '/users/list')).status, 403, 'datagen-users: not admin');
  const added = await upload('alice', pw('alice'), 'alice-ldap-model');
  t.is(added.status, 200, added.text);
  t.is((await call('alice', pw('alice'), 'GET', '/model_store/list/owner?model=alice-ldap-model')).text, 'alice');
  t.is((await upload('vera', pw('vera'), 'vera-model')).status, 403, 'a viewer uploads nothing');
  t.is((await call('adam', pw('adam'), 'GET', '/model_store/get?model=alice-ldap-model')).status, 200, 'an admin reads every model');
});

ldap.test('an internal user is asked first and alone: the directory account of the same name does not sign in', async (t) => {
  t.is((await read('root', pw('root'))).status, 401, 'the directory\'s root password is not the internal root\'s');
  t.is((await call('root', ROOT_PASSWORD, 'GET', '/users/list')).status, 200);
});

ldap.test('a stopped directory: a remembered sign-in still works, a new one is a 503 naming LDAP; no password in answers or log', async (t) => {
  await ldap.service().stop();
  t.is((await read('alice', pw('alice'))).status, 200, 'remembered for DATAGEN_LDAP_CACHE_SECONDS');
  const down = await read('adam', 'a-new-Password-1');
  t.is(down.status, 503, down.text);
  t.regex(down.body.error, /^sign-in needs the LDAP server ldap:\/\/127\.0\.0\.1:\d+ \(DATAGEN_LDAP_URL\), which failed: ECONNREFUSED; retry later$/);
  t.is((await call('root', ROOT_PASSWORD, 'GET', '/command/getAll')).status, 200, 'internal users do not need the directory');
  const secrets = [...Object.values(LDAP_PEOPLE).map((p) => p.password), LDAP_SERVICE_PASSWORD, ROOT_PASSWORD, 'a-new-Password-1'];
  const log = (await serve()).output();
  t.regex(log, /HTTP Basic authentication enabled/);
  for (const s of secrets) {
    t.false(log.includes(s), `the log holds ${s}`);
    t.false(answers.some((a) => a.includes(s)), `an answer holds ${s}`);
  }
});
