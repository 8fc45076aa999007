import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { outputColumns } from '../../../src/model/columns.js';
import { parseModel } from '../../../src/model/parse.js';
import { avroTypeWithBigLongs } from '../../../src/sinks/files/avro-long.js';
import { envelopeAvroEncoder, envelopeJsonEncoder, kafkaValueEncoder } from '../../../src/sinks/kafka/debezium-envelope.js';

const model = parseModel({
  model_name: 'accounts',
  Fields: [{ name: 'id', type: 'LONG' }, { name: 'name', type: 'NAME' }, { name: 'balance', type: 'INTEGER' }, { name: 'opened', type: 'DATE' }],
  Lifecycle: { key: 'id', entities: 4, update_probability: 0.5, delete_probability: 0.4, changes: { balance: { drift: 5 } } },
});

async function events() {
  const g = await compileModel(model);
  return g.generate(2, 0, 40, { referenceTime: 1_700_000_000_000 });
}

test('json envelopes: before/after images typed as the json values, null where absent, source and ts_ms', async (t) => {
  const encode = envelopeJsonEncoder(model, outputColumns(model));
  const rows = await events();
  for (const op of ['c', 'u', 'd']) {
    const row = rows.find((r) => r.op === op)!;
    const v = JSON.parse(encode(row) as string);
    t.deepEqual(Object.keys(v), ['before', 'after', 'source', 'op', 'ts_ms']);
    t.is(v.op, op);
    t.is(v.ts_ms, row.ts_ms);
    t.deepEqual(v.source, { version: 'datagen-ts', connector: 'datagen', name: 'accounts', ts_ms: row.ts_ms, snapshot: 'false', db: 'datagen', table: 'accounts', seq: Number(row.seq) });
    t.is(v.before === null, op === 'c');
    t.is(v.after === null, op === 'd');
    const image = v.after ?? v.before;
    t.deepEqual(Object.keys(image), ['id', 'name', 'balance', 'opened']);
    t.is(image.id, Number(row.id));
    t.is(image.opened, ((op === 'd' ? row.before_opened : row.after_opened) as Date).toISOString());
  }
  // Through the sink's choice of encoder: csv stays the flat row.
  t.is(kafkaValueEncoder('json', model, outputColumns(model))(rows[0]!), encode(rows[0]!));
  t.true((kafkaValueEncoder('csv', model, outputColumns(model))(rows[0]!) as string).startsWith(`${rows[0]!.id},c,`));
});

test('avro envelopes decode with their schema to the Debezium shape: nullable Value records, a Source record', async (t) => {
  const enc = envelopeAvroEncoder(model, outputColumns(model));
  const schema = JSON.parse(enc.schemaJson);
  t.is(schema.name, 'Envelope');
  t.deepEqual(schema.fields.map((f: { name: string }) => f.name), ['before', 'after', 'source', 'op', 'ts_ms']);
  const type = avroTypeWithBigLongs(schema);
  const rows = await events();
  const ops = new Set<string>();
  for (const row of rows) {
    const v = type.fromBuffer(enc.encode(row)) as Record<string, any>;
    ops.add(v.op);
    t.is(v.op, row.op);
    t.is(v.ts_ms, BigInt(row.ts_ms as number));
    t.is(v.source.seq, row.seq);
    t.is(v.before === null, row.op === 'c');
    t.is(v.after === null, row.op === 'd');
    if (v.after) t.deepEqual({ ...v.after }, { id: row.after_id, name: row.after_name, balance: row.after_balance, opened: BigInt((row.after_opened as Date).getTime()) });
    if (v.before) t.is(v.before.balance, row.before_balance);
  }
  t.deepEqual([...ops].sort(), ['c', 'd', 'u']);
});
