/**
 * The multipleconnectors sink: which connector lists it takes, and how it composes sinks (each step on every sink,
 * each chunk to every sink's stream, a batch committed only when every sink committed it). The composed sinks here
 * are recording doubles, so a failure can be put on exactly one of them.
 */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { connectorNames, connectorSinks, MAX_CONNECTORS, multiSink, type SinkLookup } from '../../../src/sinks/multi-sink.js';
import { availableSinks, sinkFor } from '../../../src/sinks/registry.js';
import type { BatchResult, Sink, SinkContext } from '../../../src/sinks/types.js';
import type { Row } from '../../../src/model/types.js';

interface Recorder {
  steps: string[];
  rows: Row[][];
  committed: number[];
  aborted: number[];
  closed: number;
}

/** A sink that records what it is asked to do; `fail` names the step that throws. */
function recording(name: string, fail?: 'prepare' | 'open' | 'write' | 'commit' | 'finalize' | 'abort'): { sink: Sink; seen: Recorder } {
  const seen: Recorder = { steps: [], rows: [], committed: [], aborted: [], closed: 0 };
  const step = (s: string) => async () => {
    seen.steps.push(s);
    if (fail === s) throw new Error(`${s} broke`);
  };
  const sink: Sink = {
    name,
    validate: (ctx) => {
      if (ctx.settings.properties.REFUSE === name) throw new BadRequestError(`bad setting for ${name}`, { key: 'REFUSE' });
    },
    prepare: step('prepare'),
    finalize: step('finalize'),
    abort: step('abort'),
    async open() {
      if (fail === 'open') throw new Error('open broke');
      return {
        async begin(batch) {
          return {
            async write(rows) {
              if (fail === 'write') throw new Error('write broke');
              seen.rows.push(rows);
            },
            async commit(): Promise<BatchResult> {
              if (fail === 'commit') throw new Error('commit broke');
              seen.committed.push(batch);
              return { rows: seen.rows.flat().length, bytes: 10, location: `${name}/${batch}` };
            },
            async abort() {
              seen.aborted.push(batch);
            },
          };
        },
        async close() {
          seen.closed++;
        },
      };
    },
    describe: () => `${name} target`,
  };
  return { sink, seen };
}

function lookupOf(...sinks: Sink[]): SinkLookup {
  return { sink: (name) => sinks.find((s) => s.name === name), available: () => sinks.map((s) => s.name) };
}

function ctxFor(connectors: string[] | undefined, properties: Record<string, string> = {}): SinkContext {
  return {
    commandUuid: 'c', model: { name: 'm', fields: [] } as unknown as SinkContext['model'], columns: [], rowsPerBatch: 2, batches: 1,
    settings: { dataDir: '/tmp', outputRoots: ['/tmp'], properties }, ...(connectors ? { connectors } : {}),
  };
}

const whole = { index: 0, count: 1, firstRow: 0, rows: 2 };

test('the connectors parameter: repeated or comma-separated, trimmed, case-insensitive', (t) => {
  t.deepEqual(connectorNames(['JSON', 'csv, Kafka', ' ', 'hdfs_parquet,']), ['json', 'csv', 'kafka', 'hdfs_parquet']);
  t.deepEqual(connectorNames([]), []);
});

test('a connector list that is missing, unknown, repeated, nested or too long is a 400 that says which and what is available', (t) => {
  const lookup = lookupOf(recording('json').sink, recording('csv').sink);
  const refused = (connectors?: string[]) => t.throws(() => connectorSinks(ctxFor(connectors), lookup), { instanceOf: BadRequestError })!.message;
  t.regex(refused(undefined), /parameter connectors is required .*available: json, csv/);
  t.regex(refused([]), /parameter connectors is required/);
  t.regex(refused(['json', 'parquet']), /wrong connectors: "parquet" is not a sink this service runs; available: json, csv/);
  t.regex(refused(['json', 'json']), /names json twice/);
  t.regex(refused(['multipleconnectors']), /"multipleconnectors" is not a sink/);
  t.regex(refused(Array.from({ length: MAX_CONNECTORS + 1 }, (_, i) => `s${i}`)), new RegExp(`at most ${MAX_CONNECTORS}`));
  t.deepEqual(connectorSinks(ctxFor(['csv', 'json']), lookup).map((s) => s.name), ['csv', 'json'], 'in the order asked');
});

test('the registry serves multipleconnectors over every other sink, and refuses it as its own connector', (t) => {
  const multi = sinkFor('multipleconnectors');
  t.true(availableSinks().includes('multipleconnectors'));
  for (const name of ['constructor', '__proto__']) t.throws(() => multi.validate(ctxFor(['json', name])), { message: new RegExp(`"${name}" is not a sink this service runs`) }, 'an inherited property is no sink');
  t.throws(() => multi.validate(ctxFor(['json', 'multipleconnectors'])), { message: /"multipleconnectors" is not a sink/ });
});

test('validate runs each sink\'s validate and names the connector whose settings are wrong', (t) => {
  const multi = multiSink(lookupOf(recording('json').sink, recording('kafka').sink));
  t.notThrows(() => multi.validate(ctxFor(['json', 'kafka'])));
  const err = t.throws(() => multi.validate(ctxFor(['json', 'kafka'], { REFUSE: 'kafka' })), { instanceOf: BadRequestError })!;
  t.is(err.message, 'connector kafka: bad setting for kafka');
  t.deepEqual(err.details, { key: 'REFUSE', connector: 'kafka' });
});

test('a batch: each chunk goes to every sink once, and the result carries what each sink committed', async (t) => {
  const a = recording('json');
  const b = recording('kafka');
  const multi = multiSink(lookupOf(a.sink, b.sink));
  const writer = await multi.open(ctxFor(['json', 'kafka']));
  const stream = await writer.begin(4, whole);
  const chunk = [{ id: 1 }, { id: 2 }];
  await stream.write(chunk);
  const result = await stream.commit();
  await writer.close();
  t.is(a.seen.rows[0], chunk, 'the same chunk, generated once, reaches both sinks');
  t.is(b.seen.rows[0], chunk);
  t.deepEqual(result, {
    rows: 2, bytes: 20,
    sinks: [{ service: 'json', rows: 2, bytes: 10, location: 'json/4' }, { service: 'kafka', rows: 2, bytes: 10, location: 'kafka/4' }],
  });
  t.deepEqual([a.seen.closed, b.seen.closed], [1, 1]);
});

test('a batch whose commit fails on one sink fails, naming that sink, so the batch is retried on every sink', async (t) => {
  const a = recording('json');
  const b = recording('kafka', 'commit');
  const stream = await (await multiSink(lookupOf(a.sink, b.sink)).open(ctxFor(['json', 'kafka']))).begin(0, whole);
  await stream.write([{ id: 1 }]);
  await t.throwsAsync(stream.commit(), { message: 'kafka: commit broke' });
  await stream.abort();
  t.deepEqual(a.seen.aborted, [0], 'the abort reaches the sink that did commit too');
  t.deepEqual(b.seen.aborted, [0]);
});

test('a write that fails on one sink rejects the chunk, naming that sink', async (t) => {
  const stream = await (await multiSink(lookupOf(recording('json').sink, recording('csv', 'write').sink)).open(ctxFor(['json', 'csv']))).begin(0, whole);
  await t.throwsAsync(stream.write([{ id: 1 }]), { message: 'csv: write broke' });
});

test('a writer that cannot open on one sink closes the writers the others opened', async (t) => {
  const a = recording('json');
  await t.throwsAsync(multiSink(lookupOf(a.sink, recording('hbase', 'open').sink)).open(ctxFor(['json', 'hbase'])), { message: 'hbase: open broke' });
  t.is(a.seen.closed, 1);
});

test('prepare, finalize and abort run on every sink even when one fails; the error names each that failed', async (t) => {
  for (const step of ['prepare', 'finalize', 'abort'] as const) {
    const a = recording('json', step);
    const b = recording('csv');
    const c = recording('kafka', step);
    const multi = multiSink(lookupOf(a.sink, b.sink, c.sink));
    await t.throwsAsync(multi[step](ctxFor(['json', 'csv', 'kafka'])), { message: `json: ${step} broke; kafka: ${step} broke` });
    t.deepEqual([a.seen.steps, b.seen.steps, c.seen.steps], [[step], [step], [step]]);
  }
});

test('describe names every sink\'s target; output targets are those of the sinks that write files', (t) => {
  const fileSink: Sink = { ...recording('json').sink, outputTarget: () => ({ dir: '/d', base: 'm', ext: 'json', deletesPrevious: false }) };
  const multi = multiSink(lookupOf(fileSink, recording('kafka').sink));
  t.is(multi.describe(ctxFor(['json', 'kafka'])), 'multipleconnectors (json target; kafka target)');
  t.deepEqual(multi.outputTargets!(ctxFor(['json', 'kafka'])), [{ dir: '/d', base: 'm', ext: 'json', deletesPrevious: false }]);
});
