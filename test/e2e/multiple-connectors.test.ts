/**
 * End to end: /datagen/multipleconnectors through a real `datagen serve`: one command writes the same seeded rows to
 * json, csv and parquet files, exactly what three single-sink commands with that seed write; each batch's history
 * names every sink; bad connector lists are 400s.
 */
import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readBack } from '../helpers/readback.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

/** No time-based field: rows depend on the seed and batch only, not on each command's reference instant. */
const model = (tableNames: Record<string, string> = {}) =>
  JSON.stringify({
    model_name: 'multi-people',
    Table_Names: tableNames,
    Fields: [
      { name: 'id', type: 'INCREMENT_INTEGER' },
      { name: 'name', type: 'STRING', length: 8 },
      { name: 'age', type: 'INTEGER', min: 18, max: 99 },
      { name: 'score', type: 'FLOAT', min: 0, max: 1 },
    ],
  });

const FORMATS = ['json', 'csv', 'parquet'] as const;
const SEED = 7;

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe();
});

test.after.always(async () => {
  await svc?.stop();
});

/** POST /datagen/multipleconnectors with `connectors` as repeated multipart fields (what the CSD script sends). */
async function submitMulti(connectors: string[], fields: Record<string, string | number>, modelText = model(), query = '') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  for (const c of connectors) form.append('connectors', c);
  form.set('model_file', new Blob([modelText], { type: 'application/json' }), 'model.json');
  const res = await fetch(`${svc.url}/datagen/multipleconnectors${query}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { commandUuid: string; error: string } };
}

const outputDir = () => path.join(svc.dataDir, 'output', 'multi-people');
const fileName = (prefix: string, batch: number, ext: string) => `${prefix}-${String(batch).padStart(10, '0')}.${ext}`;

test.serial('one command writes the same seeded rows to json, csv and parquet as three single-sink commands do, every sink in each batch\'s history', async (t) => {
  const res = await submitMulti(['JSON', 'csv,Parquet'], { batches: 3, rows: 20, threads: 2, seed: SEED });
  t.is(res.status, 200, JSON.stringify(res.body));
  const uuid = res.body.commandUuid;
  const status = await waitForTerminal(svc.url, uuid);
  t.is(status.status, 'FINISHED', status.comment);
  t.like(status, { service: 'multipleconnectors', rowsWritten: 60, batchesCompleted: 3 });

  const details = (await getJson(svc.url, `/command/get?commandUuid=${uuid}`)).body;
  t.deepEqual(details.connectors, ['json', 'csv', 'parquet']);
  t.deepEqual(details.rowsBySink, { json: 60, csv: 60, parquet: 60 });

  const history = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`)).body.events as Array<{ type: string; data: any }>;
  t.deepEqual(history.find((e) => e.type === 'queued')!.data.connectors, ['json', 'csv', 'parquet']);
  const batches = history.filter((e) => e.type === 'batch-completed').sort((a, b) => a.data.batch - b.data.batch);
  t.deepEqual(batches.map((b) => b.data.batch), [0, 1, 2]);
  for (const b of batches) {
    t.is(b.data.rows, 20, 'the rows are generated once per batch');
    t.deepEqual(b.data.sinks.map((s: any) => [s.service, s.rows, path.basename(s.location)]), FORMATS.map((f) => [f, 20, fileName('multi-people', b.data.batch, f)]));
    t.true(b.data.sinks.every((s: any) => s.bytes > 0));
    t.is(b.data.bytes, b.data.sinks.reduce((n: number, s: any) => n + s.bytes, 0));
  }

  // The same request to each sink alone, under another file name, with the same seed.
  for (const format of FORMATS) {
    const single = await submit(svc.url, format, { batches: 3, rows: 20, threads: 2, seed: SEED }, { text: model({ LOCAL_FILE_NAME: 'single' }) });
    t.is(single.status, 200, JSON.stringify(single.body));
    t.is((await waitForTerminal(svc.url, single.body.commandUuid)).status, 'FINISHED');
  }
  const files = (await readdir(outputDir())).filter((f) => !f.startsWith('.')).sort();
  t.deepEqual(files, ['multi-people', 'single'].flatMap((p) => FORMATS.flatMap((f) => [0, 1, 2].map((b) => fileName(p, b, f)))).sort());
  for (const batch of [0, 1, 2]) {
    for (const format of ['json', 'csv'] as const) {
      const multi = await readFile(path.join(outputDir(), fileName('multi-people', batch, format)), 'utf8');
      t.is(multi, await readFile(path.join(outputDir(), fileName('single', batch, format)), 'utf8'), `${format} batch ${batch}`);
      t.is(multi.trim().split('\n').length, format === 'csv' ? 21 : 20);
    }
    const multi = await readBack('parquet', path.join(outputDir(), fileName('multi-people', batch, 'parquet')));
    const single = await readBack('parquet', path.join(outputDir(), fileName('single', batch, 'parquet')));
    t.deepEqual(multi.columns, ['id', 'name', 'age', 'score']);
    t.is(multi.rows.length, 20);
    t.deepEqual(multi.rows, single.rows, `parquet batch ${batch}`);
  }
  const json = (await readFile(path.join(outputDir(), fileName('multi-people', 1, 'json')), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const parquet = await readBack('parquet', path.join(outputDir(), fileName('multi-people', 1, 'parquet')));
  t.deepEqual(parquet.rows.map((r) => String(r[0])), json.map((r) => String(r.id)), 'the parquet file holds the json file\'s rows');

  const metrics = (await getJson(svc.url, '/api/v1/metrics/all', 'GET')).body;
  for (const f of FORMATS) t.is(metrics.rowsBySink[f], 120, `${f}: 60 rows of the multipleconnectors command, 60 of the single one`);
  // The original's keys, counted once per command where the original counted a multipleconnectors command per sink.
  t.like(metrics, { ALL_ROWS_GENERATED: 60 + 3 * 60, GENERATIONS_MADE: 4, KAFKA_ROWS_GENERATED: 0, HDFS_ORC_FILES_GENERATED: 0, HDFS_ORC_ROWS_GENERATED: 0 });
  for (const f of FORMATS) t.like(metrics, { [`${f.toUpperCase()}_ROWS_GENERATED`]: 120, [`${f.toUpperCase()}_FILES_GENERATED`]: 6 }, `${f}: 3 files of each command`);
});

test.serial('a connector list that is missing, names an unknown sink, repeats one or nests multipleconnectors is a 400 naming it; nothing runs', async (t) => {
  const refused = async (connectors: string[], query = '') => {
    const res = await submitMulti(connectors, { batches: 1, rows: 1 }, model(), query);
    t.is(res.status, 400, JSON.stringify(res.body));
    t.is(res.body.commandUuid, '');
    return res.body.error;
  };
  t.regex(await refused([]), /^parameter connectors is required by \/datagen\/multipleconnectors.*available: .*\bjson\b/);
  t.regex(await refused(['json', 'ozone']), /^wrong connectors: "ozone" is not a sink this service runs; available: .*\bkafka\b/);
  t.regex(await refused([], '?connectors=json,nosuch'), /"nosuch" is not a sink/, 'from the query string too');
  t.regex(await refused(['csv', 'CSV']), /names csv twice/);
  t.regex(await refused(['json', 'multipleconnectors']), /"multipleconnectors" is not a sink/);
  const list = (await getJson(svc.url, '/command/getByStatus?status=QUEUED')).body as unknown[];
  t.deepEqual(list, []);
});

test.serial('a single-sink route ignores connectors, as the original does', async (t) => {
  const res = await submit(svc.url, 'json', { batches: 1, rows: 2, connectors: 'csv' }, { text: model({ LOCAL_FILE_NAME: 'ignored' }) });
  t.is(res.status, 200);
  t.is((await waitForTerminal(svc.url, res.body.commandUuid)).status, 'FINISHED');
  const details = (await getJson(svc.url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  t.like(details, { service: 'json', connectors: ['json'], rowsBySink: { json: 2 } });
});
