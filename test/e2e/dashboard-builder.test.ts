/**
 * End to end: the dashboard's model builder and launch page in headless Chromium (Debian's /usr/bin/chromium driven
 * by playwright-core) against a real service: a model built field by field with its live preview, an invalid property
 * shown at its field, saved, downloaded and imported; launched to two sinks, and the page's curl line run too;
 * a viewer offered no save or launch and refused when forcing one. Writes docs/images/builder.png and launch.png.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { getJson, ROOT, startServe, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = { timeout: 60_000 };
const IMAGES = path.join(ROOT, 'docs', 'images');

let svc: ServiceProcess;
let browser: BrowserContext;

test.before(async () => {
  svc = await startServe();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'datagen-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 }, acceptDownloads: true });
});

test.after.always(async () => {
  await browser?.close();
  await svc?.stop();
});

async function open(t: { teardown: (fn: () => unknown) => void; fail: (m: string) => void }, url: string, authorization?: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => t.fail(`page error: ${err.message}`));
  t.teardown(() => page.close());
  if (authorization) await page.setExtraHTTPHeaders({ authorization });
  await page.goto(url);
  return page;
}

/** The values of one column of the builder's preview. */
const column = (page: Page, name: string) =>
  page.locator('#builder-preview').evaluate((table, col) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const i = heads.indexOf(col);
    return i < 0 ? [] : [...table.querySelectorAll('tbody tr')].map((tr) => tr.children[i]!.textContent);
  }, name);

/** Waits until every preview row's `name` column satisfies `ok`; there are 20 rows. */
async function previewUntil(page: Page, name: string, ok: (values: string[]) => boolean): Promise<string[]> {
  for (;;) {
    const values = (await column(page, name)) as string[];
    if (values.length === 20 && ok(values)) return values;
    await page.waitForTimeout(100);
  }
}

const BUILT = {
  model_name: 'dash-built',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'tag', type: 'STRING', possible_values: ['beta'] }, { name: 'age', type: 'INTEGER', min: 18, max: 20 }],
  Options: { CSV_HEADER: 'true' },
};

test.serial('the builder builds a model field by field with a live 20-row preview, shows an invalid property at its field, saves, downloads and imports', async (t) => {
  const page = await open(t, `${svc.url}/#/builder`);
  await page.locator('#builder-preview tbody tr').nth(19).waitFor(WAIT);
  t.is(await page.locator('#builder-preview tbody tr').count(), 20);
  t.is(await page.locator('[aria-current="page"]').innerText(), 'Builder');
  await page.getByLabel('Model name').fill('dash-built');

  // A second field, named and with possible values: every preview row has the value, then the new one.
  await page.getByRole('button', { name: '+ Add a field' }).click();
  await page.locator('#f1-name').fill('tag');
  t.regex(await page.locator('[data-field="1"] .type-help').innerText(), /Random text of `length` characters/);
  await page.getByLabel('Add a property to field 2').selectOption('possible_values');
  t.regex(await page.locator('#f1-p-possible_values-help').innerText(), /The values to choose from/);
  await page.locator('#f1-p-possible_values').fill('["alpha"]');
  await previewUntil(page, 'tag', (v) => v.every((x) => x === 'alpha'));
  await page.locator('#f1-p-possible_values').fill('["beta"]');
  await previewUntil(page, 'tag', (v) => v.every((x) => x === 'beta'));

  // A third field whose min is no integer: the validator's error is shown at that property, and no preview.
  await page.getByRole('button', { name: '+ Add a field' }).click();
  await page.locator('#f2-name').fill('age');
  await page.locator('#f2-type').selectOption('INTEGER');
  await page.getByLabel('Add a property to field 3').selectOption('min');
  await page.locator('#f2-p-min').fill('abc');
  const error = page.locator('.message[data-path="Fields[2].min"][data-kind="error"]');
  await error.waitFor(WAIT);
  t.is(await error.innerText(), 'Error: must be an integer, got "abc"');
  t.is(await page.locator('#builder-preview-status').innerText(), 'The model has an error: no preview.');
  await page.locator('#f2-p-min').fill('18');
  await page.getByLabel('Add a property to field 3').selectOption('max');
  await page.locator('#f2-p-max').fill('20');
  const ages = await previewUntil(page, 'age', (v) => v.every((x) => x !== '' && Number(x) >= 18 && Number(x) <= 20));
  t.true(ages.every((a) => ['18', '19', '20'].includes(a)));
  t.is(await error.count(), 0, 'the error is gone with the fix');

  // An option of a sink, with its help; the JSON view follows every edit.
  await page.getByLabel('Add a Options key').selectOption('CSV_HEADER');
  t.is(await page.locator('[data-key="CSV_HEADER"] .hint').innerText(), 'Write a header line of column names (CSV).');
  t.deepEqual(JSON.parse(await page.locator('#builder-json').inputValue()), BUILT);

  // The JSON view edited: the form follows, and a warning of the validator shows at the property it names.
  const withTypo = { ...BUILT, Fields: [BUILT.Fields[0], { ...BUILT.Fields[1], lenght: 5 }, BUILT.Fields[2]] };
  await page.locator('#builder-json').fill(JSON.stringify(withTypo));
  const warning = page.locator('.message[data-path="Fields[1].lenght"][data-kind="warning"]');
  await warning.waitFor(WAIT);
  t.regex(await warning.innerText(), /^Warning: unknown property of field "tag", ignored \(did you mean length\?\)$/);
  await page.locator('#builder-json').fill(JSON.stringify(BUILT));
  await warning.waitFor({ state: 'detached', ...WAIT });
  t.is(await page.locator('#f1-name').inputValue(), 'tag');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(IMAGES, 'builder.png') });

  // Saved: in the store's list and the page's; the download is the stored model.
  await page.getByRole('button', { name: 'Save to the store' }).click();
  await page.locator('#builder-result[data-kind="success"]', { hasText: 'Saved dash-built to the store.' }).waitFor(WAIT);
  t.true((await getJson(svc.url, '/model_store/list', 'GET')).body.includes('dash-built'));
  await page.locator('#builder-open option[value="dash-built"]').waitFor({ state: 'attached', ...WAIT });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  t.is(download.suggestedFilename(), 'dash-built.json');
  const stored = (await getJson(svc.url, '/model_store/get?model=dash-built', 'GET')).body;
  t.deepEqual(JSON.parse(await readFile((await download.path())!, 'utf8')), stored);
  t.like(stored, BUILT);

  // Imported from a file: the form, the JSON view and the preview show it.
  const imported = { model_name: 'dash-imported', Fields: [{ name: 'code', type: 'STRING_REGEX', regex: '[A-Z]{3}' }] };
  await page.locator('#builder-import').setInputFiles({ name: 'imported.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
  await page.locator('#builder-result', { hasText: 'Imported imported.json.' }).waitFor(WAIT);
  t.is(await page.getByLabel('Model name').inputValue(), 'dash-imported');
  t.is(await page.locator('#f0-p-regex').inputValue(), '[A-Z]{3}');
  t.deepEqual(JSON.parse(await page.locator('#builder-json').inputValue()), imported);
  const codes = await previewUntil(page, 'code', (v) => v.every((x) => /^[A-Z]{3}$/.test(x)));
  t.is(codes.length, 20);
});

/** Each sink's file of each batch, from the command's batch-completed events. */
async function outputs(uuid: string): Promise<Record<string, string>> {
  const { events } = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`, 'GET')).body as { events: Array<{ type: string; data: { sinks?: Array<{ service: string; location: string }> } }> };
  const files: Record<string, string> = {};
  for (const e of events.filter((x) => x.type === 'batch-completed')) for (const s of e.data.sinks ?? []) files[s.location] = await readFile(s.location, 'utf8');
  return files;
}

test.serial('the launch page launches the stored model to two sinks with a per-sink setting; its curl line gives the same files', async (t) => {
  const page = await open(t, `${svc.url}/#/launch/dash-built`);
  await page.waitForFunction(() => (document.getElementById('stored-model') as HTMLSelectElement | null)?.value === 'dash-built', undefined, WAIT);
  await page.getByLabel('Service').selectOption('multipleconnectors');
  await page.getByLabel('Connectors').selectOption(['json', 'csv']);
  await page.getByLabel('Rows per batch').fill('5');
  await page.getByLabel('Batches').fill('2');
  await page.getByLabel('Threads').fill('1');
  await page.getByLabel('Seed').fill('7');
  // A setting of this launch only (extraProperties), chosen among the sinks' keys, with its help and its choices.
  await page.getByLabel('Add a setting').selectOption('KAFKA_MESSAGE_TYPE');
  t.is(await page.locator('#launch-settings .key-row .hint').innerText(), 'Message format: JSON, CSV or AVRO.');
  t.deepEqual(await page.locator('#setting-KAFKA_MESSAGE_TYPE option').allInnerTexts(), ['JSON', 'CSV', 'AVRO']);
  await page.locator('#setting-KAFKA_MESSAGE_TYPE').selectOption('CSV');
  const curl = await page.locator('#launch-curl').innerText();
  t.true(curl.startsWith(`curl -X POST '${svc.url}/datagen/multipleconnectors' `), curl);
  t.true(curl.includes(`--form-string 'extraProperties={"KAFKA_MESSAGE_TYPE":"CSV"}'`), curl);
  t.true(curl.includes(`--form-string 'model=dash-built'`), curl);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(IMAGES, 'launch.png') });

  await page.getByRole('button', { name: 'Launch generation' }).click();
  const link = page.locator('#launch-result a');
  await link.waitFor(WAIT);
  const uuid = (await link.getAttribute('href'))!.replace('#/commands/', '');
  // Watched on the commands page until it finishes.
  await page.getByRole('link', { name: 'Commands', exact: true }).click();
  await page.locator(`#commands tr[data-uuid="${uuid}"][data-status="FINISHED"]`).waitFor(WAIT);
  t.like((await getJson(svc.url, `/command/get?commandUuid=${uuid}`)).body, { status: 'FINISHED', service: 'multipleconnectors', connectors: ['json', 'csv'], rowsBySink: { json: 10, csv: 10 }, seed: 7, modelName: 'dash-built', properties: { KAFKA_MESSAGE_TYPE: 'CSV' } });
  const fromForm = await outputs(uuid);
  const names = Object.keys(fromForm).map((f) => path.basename(f)).sort();
  t.deepEqual(names, ['dash-built-0000000000.csv', 'dash-built-0000000000.json', 'dash-built-0000000001.csv', 'dash-built-0000000001.json']);
  const csv = Object.entries(fromForm).find(([f]) => f.endsWith('0000000000.csv'))![1];
  t.is(csv.split('\r\n')[0], 'id,tag,age', 'the model\'s CSV_HEADER');

  // The curl line, run as shown: the same request, so the same command writes the same files.
  const { stdout } = await promisify(execFile)('sh', ['-c', curl]);
  const again = (JSON.parse(stdout) as { commandUuid: string }).commandUuid;
  t.not(again, uuid);
  t.is((await waitForTerminal(svc.url, again)).status, 'FINISHED');
  t.deepEqual(await outputs(again), fromForm);
});

test.serial('a viewer sees no save or launch control, and the service refuses one forced from the page', async (t) => {
  const secured = await startServe({ env: { DATAGEN_USERS: 'ada:s3cret:admin,vic:peek:viewer' } });
  t.teardown(() => secured.stop());
  const basic = (user: string) => `Basic ${Buffer.from(user).toString('base64')}`;
  const me = await fetch(`${secured.url}/users/me`, { headers: { authorization: basic('vic:peek') } });
  t.deepEqual(await me.json(), { name: 'vic', role: 'viewer' });

  const admin = await open(t, `${secured.url}/#/builder`, basic('ada:s3cret'));
  await admin.locator('#builder-preview tbody tr').nth(19).waitFor(WAIT);
  t.true(await admin.getByRole('button', { name: 'Save to the store' }).isVisible());

  const page = await open(t, `${secured.url}/#/builder`, basic('vic:peek'));
  await page.locator('#builder-preview tbody tr').nth(19).waitFor(WAIT);
  t.is(await page.getByRole('button', { name: 'Save to the store' }).count(), 0);
  t.true(await page.getByRole('button', { name: 'Download JSON' }).isVisible(), 'reading is a viewer\'s');
  await page.getByRole('link', { name: 'Launch', exact: true }).click();
  await page.locator('#launch[hidden]').waitFor({ state: 'attached', ...WAIT });
  t.is(await page.getByRole('button', { name: 'Launch generation' }).count(), 0);
  t.regex(await page.locator('#launch-curl').innerText(), /-u 'vic'/, 'the curl line names the user, never a password');

  // (No named functions inside evaluate: the test's compiler would wrap them in a helper the page lacks.)
  const forced = await page.evaluate(async () => {
    const statuses: number[] = [];
    for (const route of ['/model_store/add', '/datagen/json']) {
      const form = new FormData();
      form.set('model_file', new Blob([JSON.stringify({ model_name: 'forced', Fields: [{ name: 'a', type: 'UUID' }] })], { type: 'application/json' }), 'forced.json');
      statuses.push((await fetch(route, { method: 'POST', body: form })).status);
    }
    return statuses;
  });
  t.deepEqual(forced, [403, 403]);
  t.deepEqual(await (await fetch(`${secured.url}/model_store/list`, { headers: { authorization: basic('ada:s3cret') } })).json(), []);
});
