/**
 * End to end: /datagen/multipleconnectors to a real Kafka broker and local JSON files at once: the topic holds
 * exactly the records of the files (the same seeded rows, generated once), and each batch's history names both.
 */
import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readTopic, topicRecordCount } from '../helpers/services/kafka-read.js';
import { customerModel, serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, waitForTerminal } from '../helpers/service-process.js';

const { server: kafka, service } = await serviceWithSinkServer(test, 'kafka');

kafka.test('kafka + json: 3 batches × 500 rows reach the topic and the files, the same rows in both', async (t) => {
  const topic = `e2e_multi_${Date.now()}`;
  const form = new FormData();
  for (const [k, v] of Object.entries({ rows: 500, batches: 3, threads: 2, seed: 11 })) form.set(k, String(v));
  form.append('connectors', 'Kafka');
  form.append('connectors', 'json');
  form.set('model_file', new Blob([await customerModel({ KAFKA_TOPIC: topic, LOCAL_FILE_NAME: topic })], { type: 'application/json' }), 'model.json');
  const res = await fetch(`${service().url}/datagen/multipleconnectors`, { method: 'POST', body: form });
  const body = (await res.json()) as { commandUuid: string; error: string };
  t.is(res.status, 200, JSON.stringify(body));
  const status = await waitForTerminal(service().url, body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  t.is(status.rowsWritten, 1500);

  t.is((await topicRecordCount(kafka.address(), topic)).records, 1500, 'each batch sent once');
  const records = await readTopic(kafka.address(), topic, 1500);
  t.true(records.every((r) => r.headers.commandUuid === body.commandUuid));
  const dir = path.join(service().dataDir, 'output', 'customers-usa');
  const files = (await readdir(dir)).filter((f) => f.startsWith(`${topic}-`)).sort();
  t.deepEqual(files, [0, 1, 2].map((b) => `${topic}-${String(b).padStart(10, '0')}.json`));
  const lines: string[] = [];
  for (const f of files) lines.push(...(await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean));
  const canonical = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();
  t.deepEqual(canonical(records.map((r) => JSON.parse(r.value.toString('utf8')))), canonical(lines.map((l) => JSON.parse(l))), 'the topic holds the files\' rows');

  const history = (await getJson(service().url, `/command/history?commandUuid=${body.commandUuid}`)).body.events as Array<{ type: string; data: any }>;
  const batches = history.filter((e) => e.type === 'batch-completed');
  t.is(batches.length, 3);
  for (const b of batches) t.deepEqual(b.data.sinks.map((s: any) => [s.service, s.rows]), [['kafka', 500], ['json', 500]]);
  const details = (await getJson(service().url, `/command/get?commandUuid=${body.commandUuid}`)).body;
  t.deepEqual(details.rowsBySink, { kafka: 1500, json: 1500 });
});
