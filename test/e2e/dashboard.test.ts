/**
 * End to end: the web dashboard in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against a real service started with startServe().
 */
import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = { timeout: 30_000 };

const model = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'city', type: 'CITY' }], ...extra });

let svc: ServiceProcess;
let browser: BrowserContext;

test.before(async () => {
  svc = await startServe();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'datagen-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
});

test.after.always(async () => {
  await browser?.close();
  await svc?.stop();
});

/** A fresh page on the dashboard; page errors fail the test that opened it. */
async function openDashboard(t: { teardown: (fn: () => unknown) => void; fail: (m: string) => void }, hash = ''): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => t.fail(`page error: ${err.message}`));
  t.teardown(() => page.close());
  await page.goto(`${svc.url}/${hash}`);
  return page;
}

const row = (page: Page, uuid: string, status?: string) => page.locator(`#commands tr[data-uuid="${uuid}"]${status ? `[data-status="${status}"]` : ''}`);

test.serial('the page lists a command submitted through the API, with its model, service, progress and rows', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 4, batches: 2 }, { text: model('dash-api') });
  const uuid = res.body.commandUuid;
  await waitForTerminal(svc.url, uuid);
  const page = await openDashboard(t);
  const tr = row(page, uuid, 'FINISHED');
  await tr.waitFor(WAIT);
  const cells = await tr.locator('td').allInnerTexts();
  t.is(cells[0], uuid.slice(0, 8));
  t.is(cells[1], 'dash-api');
  t.is(cells[2], 'json');
  t.is(cells[3].trim(), 'FINISHED');
  t.true(cells[4].includes('100.0%'));
  t.regex(cells[5], /^avg [\d,]+ rows\/s$/);
  t.is(cells[6], '8 / 8');
  t.is(await tr.getByRole('progressbar').getAttribute('aria-valuenow'), '100.0');
  t.is(await tr.getByRole('link').getAttribute('href'), `#/commands/${uuid}`);
  await page.locator('#live[data-mode="live"]').waitFor(WAIT);
  t.is(await page.locator('#live').innerText(), 'Live');
});

test.serial('a command launched elsewhere appears and progresses live, without reloading', async (t) => {
  const page = await openDashboard(t);
  await page.locator('#live[data-mode="live"]').waitFor(WAIT);
  const res = await submit(svc.url, 'csv', { rows: 3, batches: 3, threads: 1 }, { text: model('dash-live') });
  await row(page, res.body.commandUuid, 'FINISHED').waitFor(WAIT);
  t.is(await row(page, res.body.commandUuid).locator('td').nth(6).innerText(), '9 / 9');
});

test.serial('the form launches a generation from an uploaded model file; it reaches FINISHED and its history opens', async (t) => {
  const page = await openDashboard(t, '#/launch');
  await page.getByLabel('Service').selectOption('csv');
  await page.getByRole('radio', { name: 'Upload a file' }).check();
  await page.getByLabel('Model file (JSON)').setInputFiles({ name: 'dash-form.json', mimeType: 'application/json', buffer: Buffer.from(model('dash-form')) });
  await page.getByLabel('Rows per batch').fill('5');
  await page.getByLabel('Batches').fill('3');
  await page.getByLabel('Threads').fill('2');
  await page.getByLabel('Seed').fill('11');
  t.is(await page.locator('#total-rows').innerText(), '15 rows in all');
  await page.getByRole('button', { name: 'Launch generation' }).click();
  const link = page.locator('#launch-result a');
  await link.waitFor(WAIT);
  t.regex(await page.locator('#launch-result').innerText(), /^Launched command [0-9a-f]{8}\.$/);
  const uuid = (await link.getAttribute('href'))!.replace('#/commands/', '');
  await page.getByRole('link', { name: 'Commands', exact: true }).click();

  await row(page, uuid, 'FINISHED').waitFor(WAIT);
  t.true(await row(page, uuid).evaluate((tr) => tr.classList.contains('highlight')));
  const details = (await getJson(svc.url, `/command/get?commandUuid=${uuid}`)).body;
  t.like(details, { status: 'FINISHED', service: 'csv', rows: 5, batches: 3, threads: 2, seed: 11, modelName: 'dash-form', rowsWritten: 15 });

  await row(page, uuid).getByRole('link').click();
  await page.locator('#detail-view').waitFor({ state: 'visible', ...WAIT });
  t.true(await page.locator('#list-view').isHidden());
  t.is(await page.locator('#detail-uuid').innerText(), uuid);
  t.is(await page.locator('#detail-status').innerText(), 'FINISHED');
  await page.locator('#history tbody tr[data-type="finished"]').waitFor(WAIT);
  const types = await page.locator('#history tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.type));
  t.deepEqual(types, ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'batch-completed', 'finished']);
  t.regex(await page.locator('#history tbody tr').first().innerText(), /csv: 3 × 5 rows, 2 threads, seed 11, model dash-form/);
  t.regex(await page.locator('#detail-facts').innerText(), /Seed\s+11/i);
  t.true(await page.locator('#cancel').isHidden());
  await page.screenshot({ path: path.join(os.tmpdir(), 'datagen-dashboard-detail.png'), fullPage: true });

  await page.getByRole('link', { name: '← All commands' }).click();
  await page.locator('#list-view').waitFor({ state: 'visible', ...WAIT });
});

test.serial('the form launches multipleconnectors with the connectors chosen; the detail lists each sink with its rows', async (t) => {
  const page = await openDashboard(t, '#/launch');
  t.true(await page.getByLabel('Connectors').isHidden(), 'only for multipleconnectors');
  await page.getByLabel('Service').selectOption('multipleconnectors');
  await page.getByRole('radio', { name: 'Upload a file' }).check();
  await page.getByLabel('Model file (JSON)').setInputFiles({ name: 'dash-multi.json', mimeType: 'application/json', buffer: Buffer.from(model('dash-multi')) });
  await page.getByLabel('Rows per batch').fill('4');
  await page.getByLabel('Batches').fill('2');
  await page.getByRole('button', { name: 'Launch generation' }).click();
  t.is(await page.locator('#launch-result[data-kind="error"]').innerText(), 'Choose the connectors: the sinks that get the rows.');
  await page.getByLabel('Connectors').selectOption(['json', 'csv']);
  await page.getByRole('button', { name: 'Launch generation' }).click();
  const link = page.locator('#launch-result a');
  await link.waitFor(WAIT);
  const uuid = (await link.getAttribute('href'))!.replace('#/commands/', '');
  await page.getByRole('link', { name: 'Commands', exact: true }).click();
  await row(page, uuid, 'FINISHED').waitFor(WAIT);
  t.like((await getJson(svc.url, `/command/get?commandUuid=${uuid}`)).body, { service: 'multipleconnectors', connectors: ['json', 'csv'], rowsBySink: { json: 8, csv: 8 } }, 'in the list\'s order');

  await row(page, uuid).getByRole('link').click();
  await page.locator('#history tbody tr[data-type="finished"]').waitFor(WAIT);
  t.regex(await page.locator('#detail-facts').innerText(), /Sinks\s+json 8 rows, csv 8 rows/i);
  t.regex(await page.locator('#history tbody tr').first().innerText(), /multipleconnectors \(json, csv\): 2 × 4 rows/);
  t.regex(await page.locator('#history tbody tr[data-type="batch-completed"]').first().innerText(), /→ json \S+dash-multi-000000000\d\.json, csv \S+dash-multi-000000000\d\.csv/);
  await page.getByRole('link', { name: '← All commands' }).click();
});

test.serial('the form launches a stored model chosen from /model_store/list', async (t) => {
  const form = new FormData();
  form.set('model_file', new Blob([model('dash-stored')], { type: 'application/json' }), 'dash-stored.json');
  t.is((await fetch(`${svc.url}/model_store/add`, { method: 'POST', body: form })).status, 200);
  const page = await openDashboard(t, '#/launch');
  await page.locator('#stored-model option[value="dash-stored"]').waitFor({ state: 'attached', ...WAIT });
  await page.getByRole('radio', { name: 'Stored model' }).check();
  await page.getByLabel('Choose a stored model').selectOption('dash-stored');
  await page.getByLabel('Rows per batch').fill('2');
  await page.getByLabel('Batches').fill('2');
  await page.getByRole('button', { name: 'Launch generation' }).click();
  const link = page.locator('#launch-result a');
  await link.waitFor(WAIT);
  const uuid = (await link.getAttribute('href'))!.replace('#/commands/', '');
  await page.getByRole('link', { name: 'Commands', exact: true }).click();
  await row(page, uuid, 'FINISHED').waitFor(WAIT);
  t.is(await row(page, uuid).locator('td').nth(1).innerText(), 'dash-stored');
});

test.serial('the service\'s refusal is shown in the form, and no command is created', async (t) => {
  const before = (await getJson(svc.url, '/command/getAll')).body.length;
  const page = await openDashboard(t, '#/launch');
  await page.getByRole('radio', { name: 'Upload a file' }).check();
  await page.getByLabel('Model file (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"Fields": [') });
  await page.getByRole('button', { name: 'Launch generation' }).click();
  const result = page.locator('#launch-result[data-kind="error"]');
  await result.waitFor(WAIT);
  t.regex(await result.innerText(), /not valid JSON/);
  t.is((await getJson(svc.url, '/command/getAll')).body.length, before);
});

test.serial('a failed command shows its reason in the detail view', async (t) => {
  const dir = await mkdtemp(path.join(svc.dataDir, 'dash-'));
  await writeFile(path.join(dir, 'file'), '');
  const res = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model('dash-failed', { Table_Names: { LOCAL_FILE_PATH: path.join(dir, 'file', 'sub') } }) });
  const uuid = res.body.commandUuid;
  t.is((await waitForTerminal(svc.url, uuid)).status, 'FAILED');
  const page = await openDashboard(t, `#/commands/${uuid}`);
  const comment = page.locator('#detail-comment');
  await comment.waitFor({ state: 'visible', ...WAIT });
  t.regex(await comment.innerText(), /ENOTDIR/);
  t.is(await page.locator('#detail-status').innerText(), 'FAILED');
  await page.locator('#history tbody tr[data-type="failed"]').waitFor(WAIT);
});

test.serial('without the event stream the page falls back to polling and still sees new commands', async (t) => {
  const page = await browser.newPage();
  t.teardown(() => page.close());
  await page.route('**/command/events*', (route) => route.abort());
  await page.goto(svc.url);
  await page.locator('#live[data-mode="polling"]').waitFor(WAIT);
  t.is(await page.locator('#live').innerText(), 'Polling');
  const res = await submit(svc.url, 'json', { rows: 2, batches: 1 }, { text: model('dash-poll') });
  await row(page, res.body.commandUuid, 'FINISHED').waitFor(WAIT);
  t.is(await row(page, res.body.commandUuid).locator('td').nth(1).innerText(), 'dash-poll');
});

test.serial('with users configured the page needs credentials; a viewer sees commands live but may not launch', async (t) => {
  const secured = await startServe({ env: { DATAGEN_USERS: 'ada:s3cret:admin,vic:peek:viewer' } });
  t.teardown(() => secured.stop());
  const basic = (user: string) => `Basic ${Buffer.from(user).toString('base64')}`;
  // The page is public (it shows a login form, dashboard-commands.test.ts); its data is not.
  t.is((await fetch(`${secured.url}/`)).status, 200);
  const anonymous = await fetch(`${secured.url}/command/getAll`);
  t.is(anonymous.status, 401);
  t.regex(anonymous.headers.get('www-authenticate') ?? '', /^Basic/);

  const page = await browser.newPage();
  t.teardown(() => page.close());
  page.on('pageerror', (err) => t.fail(`page error: ${err.message}`));
  await page.setExtraHTTPHeaders({ authorization: basic('vic:peek') });
  await page.goto(`${secured.url}/`);
  await page.locator('#live[data-mode="live"]').waitFor(WAIT);

  const form = new FormData();
  form.set('rows', '2');
  form.set('batches', '1');
  form.set('model_file', new Blob([model('dash-auth')], { type: 'application/json' }), 'dash-auth.json');
  const res = await fetch(`${secured.url}/datagen/json`, { method: 'POST', body: form, headers: { authorization: basic('ada:s3cret') } });
  const { commandUuid } = (await res.json()) as { commandUuid: string };
  await row(page, commandUuid, 'FINISHED').waitFor(WAIT);

  // The launch page offers a viewer no launch button; a request forced from the page is refused by the service.
  await page.getByRole('link', { name: 'Launch', exact: true }).click();
  await page.locator('#launch-view').waitFor({ state: 'visible', ...WAIT });
  await page.locator('#launch[hidden]').waitFor({ state: 'attached', ...WAIT });
  t.is(await page.getByRole('button', { name: 'Launch generation' }).count(), 0);
  const forced = await page.evaluate(async (text) => {
    const body = new FormData();
    body.set('model_file', new Blob([text], { type: 'application/json' }), 'dash-auth.json');
    const res = await fetch('/datagen/json', { method: 'POST', body });
    return { status: res.status, error: ((await res.json()) as { error: string }).error };
  }, model('dash-auth'));
  t.is(forced.status, 403);
  t.regex(forced.error, /vic.*viewer.*user role required/);
});

test.serial('the detail view cancels a running command and shows it CANCELLED', async (t) => {
  // No generator actors: the command stays RUNNING until it is cancelled.
  const idle = await startServe({ env: { DATAGEN_WORKER_SLOTS: '0' } });
  t.teardown(() => idle.stop());
  const res = await submit(idle.url, 'json', { rows: 1, batches: 2 }, { text: model('dash-cancel') });
  const uuid = res.body.commandUuid;
  const page = await browser.newPage();
  t.teardown(() => page.close());
  await page.goto(`${idle.url}/#/commands/${uuid}`);
  await page.locator('#detail-status', { hasText: 'RUNNING' }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#detail-status', { hasText: 'CANCELLED' }).waitFor(WAIT);
  // The live stream may show CANCELLED before the cancel request's own answer is back: wait for that answer too.
  await page.locator('#detail-message', { hasText: /^Cancel requested/ }).waitFor(WAIT);
  t.regex(await page.locator('#detail-message').innerText(), /^Cancel requested/);
  t.true(await page.locator('#cancel').isHidden());
  await page.locator('#history tbody tr[data-type="cancelled"]').waitFor(WAIT);
  t.is((await getJson(idle.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body.status, 'CANCELLED');
});
