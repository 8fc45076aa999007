/**
 * End to end: the dashboard's commands views, management pages and login (issue 18 items 3-5) in headless
 * Chromium against a real service with users: a paced command's chart moves and shows an ETA, cancel, re-run
 * with the same parameters, the output zip equals the files on disk and the preview their first lines, models /
 * credentials / users / schedules listed, added and deleted as admin, a viewer offered no write control and
 * refused when forcing one, and the login form. Writes docs/images/{login,commands,command-detail,models,
 * credentials,users,schedules}.png at 1400×900.
 */
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, startServe, type ServiceProcess } from '../helpers/service-process.js';
import { zipEntries } from '../helpers/zip-read.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = { timeout: 60_000 };
const IMAGES = path.join(ROOT, 'docs', 'images');
const basic = (user: string) => `Basic ${Buffer.from(user).toString('base64')}`;
const ADMIN = basic('root:root-pw');
const VIEWER = basic('vic:vic-pw');

const model = (name: string) => JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'city', type: 'CITY' }] });

let svc: ServiceProcess;
let browser: BrowserContext;

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin,vic:vic-pw:viewer', DATAGEN_CREDENTIALS_KEY: randomBytes(32).toString('base64') } });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'datagen-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 }, acceptDownloads: true });
});

test.after.always(async () => {
  await browser?.close();
  await svc?.stop();
});

async function open(t: { teardown: (fn: () => unknown) => void; fail: (m: string) => void }, hash: string, authorization?: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => t.fail(`page error: ${err.message}`));
  page.on('dialog', (d) => d.accept());
  t.teardown(() => page.close());
  if (authorization) await page.setExtraHTTPHeaders({ authorization });
  await page.goto(`${svc.url}/${hash}`);
  return page;
}

async function submit(service: string, fields: Record<string, string | number>, name: string): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  form.set('model_file', new Blob([model(name)], { type: 'application/json' }), `${name}.json`);
  const res = await fetch(`${svc.url}/datagen/${service}`, { method: 'POST', body: form, headers: { authorization: ADMIN } });
  const body = (await res.json()) as { commandUuid: string };
  if (res.status !== 200) throw new Error(JSON.stringify(body));
  return body.commandUuid;
}

const details = async (uuid: string) => (await (await fetch(`${svc.url}/command/get?commandUuid=${uuid}`, { headers: { authorization: ADMIN } })).json()) as Record<string, any>;

async function finished(uuid: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const d = await details(uuid);
    if (d.status === 'FINISHED') return;
    if (['FAILED', 'CANCELLED'].includes(d.status)) throw new Error(`${uuid} ${d.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${uuid} did not finish`);
}

test.serial('login form: wrong password refused, the right one signs in with the role shown', async (t) => {
  const page = await open(t, '#/commands');
  await page.locator('#login-view').waitFor({ state: 'visible', ...WAIT });
  t.true(await page.locator('#list-view').isHidden());
  await page.screenshot({ path: path.join(IMAGES, 'login.png') });
  await page.locator('#login-name').fill('root');
  await page.locator('#login-password').fill('wrong-pw');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#login-result[data-kind="error"]').waitFor(WAIT);
  t.is(await page.locator('#login-result').innerText(), 'Wrong name or password.');
  await page.locator('#login-password').fill('root-pw');
  await page.locator('#login-password').press('Enter');
  await page.locator('#signed-in:not([hidden])').waitFor(WAIT);
  t.is(await page.locator('#signed-in-name').innerText(), 'root (admin)');
  t.true(await page.locator('#list-view').isVisible());
  t.true(await page.locator('#login-view').isHidden());
  // The stored sign-in is this tab's only, and signing out forgets it.
  t.regex((await page.evaluate(() => sessionStorage.getItem('datagen-authorization'))) ?? '', /^Basic /);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#login-view').waitFor({ state: 'visible', ...WAIT });
  t.is(await page.evaluate(() => sessionStorage.getItem('datagen-authorization')), null);
});

test.serial('a paced command: its chart moves, rows/s and ETA are shown; cancel ends it CANCELLED', async (t) => {
  const uuid = await submit('json', { rows: 40, batches: 30, threads: 1, rows_per_second: 60 }, 'dash-paced');
  const page = await open(t, `#/commands/${uuid}`, ADMIN);
  const chart = page.locator('#detail-throughput svg');
  const points = (n: number) => page.waitForFunction((min) => Number(document.querySelector<SVGElement>('#detail-throughput svg')?.dataset.points) >= min, n, WAIT);
  await points(3);
  const before = await chart.locator('polyline').getAttribute('points');
  await points(5);
  t.not(await chart.locator('polyline').getAttribute('points'), before, 'the chart moved');
  t.regex(await page.locator('#detail-rate').innerText(), /^[\d,]+ rows\/s · avg [\d,]+ · ETA /);
  t.regex(await page.locator('#detail-facts').innerText(), /ETA\s+\d/);
  await page.screenshot({ path: path.join(IMAGES, 'command-detail.png') });

  await page.getByRole('link', { name: 'Commands', exact: true }).click();
  const row = page.locator(`#commands tr[data-uuid="${uuid}"]`);
  await row.locator('td.rate svg[data-points]').waitFor({ state: 'attached', ...WAIT });
  t.regex(await row.locator('td.rate .rate-text').innerText(), /rows\/s/);
  await page.screenshot({ path: path.join(IMAGES, 'commands.png') });

  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#detail-status[data-status="CANCELLED"]').waitFor(WAIT);
  t.is((await details(uuid)).status, 'CANCELLED');
  t.true(await page.getByRole('button', { name: 'Cancel' }).isHidden());
});

test.serial('re-run submits a new command with the same parameters; the output downloads as a zip equal to the files on disk, and its preview is their first lines', async (t) => {
  const uuid = await submit('csv', { rows: 6, batches: 2, threads: 2, seed: 7 }, 'dash-out');
  await finished(uuid);
  const page = await open(t, `#/commands/${uuid}`, ADMIN);
  await page.locator('#output-preview li').first().waitFor(WAIT);
  const dir = path.join(svc.dataDir, 'output', 'dash-out');
  const first = (await readFile(path.join(dir, 'dash-out-0000000000.csv'), 'utf8')).split(/\r?\n/).filter(Boolean);
  t.deepEqual(await page.locator('#output-preview li').allInnerTexts(), first);
  t.is(await page.locator('#output-file').innerText(), 'First lines of dash-out-0000000000.csv (the whole file)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download (zip)' }).click()]);
  t.is(download.suggestedFilename(), `datagen-${uuid}.zip`);
  const entries = await zipEntries(await readFile((await download.path())!));
  const onDisk = (await readdir(dir)).sort();
  t.deepEqual([...entries.keys()].sort(), onDisk);
  for (const name of onDisk) t.true(entries.get(name)!.equals(await readFile(path.join(dir, name))), name);

  await page.getByRole('button', { name: 'Re-run' }).click();
  const link = page.locator('#rerun-link');
  await link.waitFor(WAIT);
  const again = (await link.getAttribute('href'))!.replace('#/commands/', '');
  t.not(again, uuid);
  await finished(again);
  const [a, b] = [await details(uuid), await details(again)];
  for (const key of ['service', 'rows', 'batches', 'threads', 'seed', 'modelName', 'modelHash', 'rowsWritten']) t.deepEqual(b[key], a[key], key);
  // The same seed and model: the same rows.
  t.deepEqual((await readFile(path.join(dir, 'dash-out-0000000000.csv'), 'utf8')).split(/\r?\n/).filter(Boolean), first);
});

test.serial('model analysis: the sources and their parameters from the OpenAPI document; a csv output analysed into a stored model', async (t) => {
  const page = await open(t, '#/analysis', ADMIN);
  await page.locator('#analysis-source option[value="csv"]').waitFor({ state: 'attached', ...WAIT });
  const sources = await page.locator('#analysis-source option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  t.true(['csv', 'json', 'postgresql', 'kafka', 'hive', 's3-parquet'].every((s) => sources.includes(s)), sources.join());
  await page.locator('#analysis-source').selectOption('csv');
  await page.locator('#analysis-filepath').fill('output/dash-out/dash-out-0000000000.csv');
  await page.getByRole('button', { name: 'Analyse' }).click();
  await page.locator('#analysis-result[data-kind="success"]').waitFor(WAIT);
  const model = JSON.parse(await page.locator('#analysis-model').innerText()) as { model_name: string; Fields: Array<{ name: string }> };
  t.deepEqual(model.Fields.map((f) => f.name), ['id', 'city']);
  t.is(await page.locator('#analysis-result a').first().getAttribute('href'), `#/builder/${encodeURIComponent(model.model_name)}`);
  const stored = (await (await fetch(`${svc.url}/model_store/list`, { headers: { authorization: ADMIN } })).json()) as string[];
  t.true(stored.includes(model.model_name));
  await page.screenshot({ path: path.join(IMAGES, 'analysis.png') });
});

test.serial('management pages as admin: models, credentials, users and schedules listed, added and deleted', async (t) => {
  const page = await open(t, '#/models', ADMIN);
  await page.locator('#manage-table tbody tr').first().waitFor(WAIT);
  await page.locator('#manage-model_file').setInputFiles({ name: 'dash-import.json', mimeType: 'application/json', buffer: Buffer.from(model('dash-import')) });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#manage-table tr[data-key="dash-import"]').waitFor(WAIT);
  t.is(await page.locator('#manage-result').innerText(), 'Stored dash-import.');
  // Its permissions: the owner, then a user granted and removed again, each change read back from the API.
  const grants = async () => (await (await fetch(`${svc.url}/model_store/list/users?model=dash-import`, { headers: { authorization: ADMIN } })).json()) as string[];
  await page.getByRole('button', { name: 'Permissions dash-import' }).click();
  const panel = page.locator('#manage-panel section.permissions');
  await panel.waitFor(WAIT);
  t.regex(await panel.locator('p').first().innerText(), /^Owner: root\./);
  await panel.locator('#grant-kind').selectOption('users');
  await panel.locator('#grant-who').fill('vic');
  await panel.getByRole('button', { name: 'Add' }).click();
  await panel.locator('[data-grant="users"] li').filter({ hasText: 'vic' }).waitFor(WAIT);
  t.deepEqual(await grants(), ['vic']);
  await page.screenshot({ path: path.join(IMAGES, 'models.png') });
  await panel.getByRole('button', { name: 'Remove vic from users who may use it' }).click();
  await panel.locator('[data-grant="users"] li').waitFor({ state: 'detached', ...WAIT });
  t.deepEqual(await grants(), []);
  await page.getByRole('button', { name: 'Delete dash-import' }).click();
  await page.locator('#manage-table tr[data-key="dash-import"]').waitFor({ state: 'detached', ...WAIT });
  const names = (await (await fetch(`${svc.url}/model_store/list`, { headers: { authorization: ADMIN } })).json()) as string[];
  t.false(names.includes('dash-import'));

  await page.getByRole('link', { name: 'Credentials', exact: true }).click();
  await page.locator('#manage-name').fill('dash-pg');
  await page.locator('#manage-type').selectOption('PASSWORD');
  await page.locator('#manage-account').fill('app');
  await page.locator('#manage-content').fill('very-secret-value');
  await page.getByRole('button', { name: 'Add credential' }).click();
  await page.locator('#manage-table tr[data-key="dash-pg"]').waitFor(WAIT);
  t.false((await page.content()).includes('very-secret-value'), 'the secret is never on the page');
  t.deepEqual((await page.locator('#manage-table tr[data-key="dash-pg"] td').allInnerTexts()).slice(0, 4), ['dash-pg', 'PASSWORD', 'app', 'root']);
  await page.screenshot({ path: path.join(IMAGES, 'credentials.png') });
  await page.getByRole('button', { name: 'Delete dash-pg' }).click();
  await page.locator('#manage-table tr[data-key="dash-pg"]').waitFor({ state: 'detached', ...WAIT });

  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.locator('#manage-table tr[data-key="vic"]').waitFor(WAIT);
  t.is(await page.getByRole('button', { name: 'Delete vic' }).count(), 0, 'a configured user is read-only');
  await page.locator('#manage-username').fill('dash-user');
  await page.locator('#manage-password').fill('dash-user-pw');
  await page.locator('#manage-groups').fill('user, analysts');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.locator('#manage-table tr[data-key="dash-user"]').waitFor(WAIT);
  t.deepEqual(await page.locator('#manage-table tr[data-key="dash-user"] td').allInnerTexts(), ['dash-user', 'user, analysts', 'stored', 'Delete']);
  await page.screenshot({ path: path.join(IMAGES, 'users.png') });
  await page.getByRole('button', { name: 'Delete dash-user' }).click();
  await page.locator('#manage-table tr[data-key="dash-user"]').waitFor({ state: 'detached', ...WAIT });

  const schedule = await submit('json', { rows: 1, batches: 1, delay_between_executions_seconds: 3600 }, 'dash-sched');
  await page.getByRole('link', { name: 'Schedules', exact: true }).click();
  const srow = page.locator(`#manage-table tr[data-key="${schedule}"]`);
  await srow.waitFor(WAIT);
  await page.screenshot({ path: path.join(IMAGES, 'schedules.png') });
  await srow.getByRole('button', { name: /^Remove/ }).click();
  await srow.waitFor({ state: 'detached', ...WAIT });
  t.is((await details(schedule)).status, 'REMOVED');
});

test.serial('a viewer sees no write control on any page, may download outputs, and forced writes are refused', async (t) => {
  const uuid = await submit('csv', { rows: 2, batches: 1 }, 'dash-viewer');
  await finished(uuid);
  const page = await open(t, `#/commands/${uuid}`, VIEWER);
  await page.locator('#output-preview li').first().waitFor(WAIT);
  t.is(await page.getByRole('button', { name: 'Re-run' }).count(), 0);
  t.is(await page.getByRole('button', { name: 'Cancel' }).count(), 0);
  t.true(await page.getByRole('link', { name: 'Download (zip)' }).isVisible());
  for (const [hash, key] of [['#/models', null], ['#/credentials', null], ['#/users', null], ['#/schedules', null]] as const) {
    await page.goto(`${svc.url}/${hash}`);
    await page.locator('#manage-title').filter({ hasText: /\w/ }).waitFor(WAIT);
    if (key) await page.locator(`#manage-table tr[data-key="${key}"]`).waitFor(WAIT);
    t.is(await page.locator('#manage-view button:visible:not([aria-label^="Download"]):not([aria-label^="Permissions"])').count(), 0, `${hash}: no write control`);
    t.true(await page.locator('#manage-form').isHidden(), hash);
  }
  await page.goto(`${svc.url}/#/analysis`);
  await page.locator('#analysis-view [data-read-only]:visible').waitFor(WAIT);
  t.true(await page.locator('#analysis-form').isHidden());
  const forced = await page.evaluate(async (u) => {
    const del = await fetch('/model_store/delete?model=dash-viewer', { method: 'DELETE' });
    const cancel = await fetch(`/command/cancel?commandUuid=${u}`, { method: 'POST' });
    const users = await fetch('/users/add', { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'xxxxxxxxxx' }) });
    const zip = await fetch(`/command/${u}/output`);
    return [del.status, cancel.status, users.status, zip.status];
  }, uuid);
  t.deepEqual(forced, [403, 403, 403, 200]);
});
