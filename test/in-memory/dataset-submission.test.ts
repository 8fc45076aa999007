/**
 * Submitting with after= and as a dataset, over the in-memory ports (given/when/then): what is recorded, in which
 * order, and what is refused before anything is recorded.
 */
import anyTest, { type TestFn } from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { AppError } from '../../src/errors.js';
import { ALL_EVENTS } from '../../src/events/subjects.js';
import type { QueuedData, StoredEvent } from '../../src/events/types.js';
import { inMemoryPorts, type InMemoryPorts } from '../../src/memory/memory-ports.js';
import { SequentialIds } from '../../src/memory/sequential-ids.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { followCaughtUp, type LoggedEvent, type Unsubscribe } from '../../src/ports/event-log.js';
import { ReadModel } from '../../src/projection/read-model.js';
import { protectedRoots } from '../../src/protected-paths.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { inProcessModelChecks } from '../../src/use-cases/model-checks.js';
import { OutputClaims } from '../../src/use-cases/output-claims.js';
import { submitCommand, type SubmitDeps, type SubmitRequest } from '../../src/use-cases/submit-command.js';
import { submitDataset, type DatasetEntry } from '../../src/use-cases/submit-dataset.js';
import type { Caller } from '../../src/users/user-directory.js';

interface Api { ports: InMemoryPorts; readModel: ReadModel; deps: SubmitDeps; stop: Unsubscribe; dataDir: string }
const test = anyTest as TestFn<Api>;
const ANN: Caller = { name: 'ann', role: 'admin', groups: ['admin'] };
const MODELS = path.resolve('models');

test.beforeEach(async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-dataset-'));
  const ports = inMemoryPorts({ ids: new SequentialIds('0000da7a') });
  const readModel = new ReadModel();
  const stop = await followCaughtUp<LoggedEvent>(ports.events, (e) => readModel.apply(e), { filter: ALL_EVENTS });
  const config = { modelDirs: [MODELS], protectedRoots: protectedRoots(dataDir), limits: DEFAULT_LIMITS, dataDir, outputRoots: [dataDir], properties: {}, minScheduleDelaySeconds: 1 };
  const deps = { ...ports, readModel, log: pino({ level: 'silent' }), modelChecks: inProcessModelChecks, claims: new OutputClaims(readModel), config };
  t.context = { ports, readModel, deps, stop, dataDir };
});

test.afterEach.always(async (t) => {
  await t.context.stop();
  await rm(t.context.dataDir, { recursive: true, force: true });
});

const simple = JSON.stringify({ model_name: 'ds-simple', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });
const request = (over: Partial<SubmitRequest> = {}): SubmitRequest =>
  ({ sink: sinkFor('json'), rows: 3, batches: 1, threads: 1, model: { kind: 'upload', param: 'model_file', text: simple }, overrides: {}, caller: ANN, ...over });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

async function allQueued(ports: InMemoryPorts): Promise<Array<StoredEvent & { data: QueuedData }>> {
  const out: Array<StoredEvent & { data: QueuedData }> = [];
  const stop = await followCaughtUp<LoggedEvent>(ports.events, (e) => { if ((e as StoredEvent).type === 'queued') out.push(e as StoredEvent & { data: QueuedData }); }, { filter: ALL_EVENTS });
  await stop();
  return out;
}

/** A shop model from models/, its foreign keys naming dataset entries with nothing else of the parent's generation. */
async function shopModel(file: string, parentEntry?: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(path.join(MODELS, file), 'utf8')) as { Fields: Array<Record<string, unknown>> };
  for (const f of json.Fields) {
    const ref = f.references as Record<string, unknown> | undefined;
    if (!ref) continue;
    delete ref.seed;
    delete ref.rows;
    ref.model = parentEntry;
  }
  return json;
}

const entry = (name: string, sink: string, model: DatasetEntry['model'], rows: number, seed?: number): DatasetEntry =>
  ({ name, model, command: { sink: sinkFor(sink), rows, batches: 1, threads: 1, ...(seed !== undefined ? { seed } : {}), overrides: {} } });

test('after=: given an existing command, queued records it; an unknown one is a 400 naming after and the value, nothing recorded', async (t) => {
  const api = t.context;
  const parent = await submitCommand(api.deps, request());
  const child = await submitCommand(api.deps, request({ after: [parent.commandUuid], model: { kind: 'upload', param: 'model_file', text: simple.replace('ds-simple', 'ds-child') } }));
  const [queued] = await api.ports.events.readCommand(child.commandUuid);
  t.deepEqual((queued!.data as QueuedData).after, [parent.commandUuid]);
  t.deepEqual(api.readModel.view(child.commandUuid)?.waitingFor, [parent.commandUuid], 'its view lists what it waits for');
  const unknown = '0000da7a-0000-4000-8000-0000000000ff';
  const err = await refusal(submitCommand(api.deps, request({ after: [unknown] })));
  t.is(err.status, 400);
  t.is(err.message, `parameter after: ${unknown} is no command of this service`);
  t.like(err.details, { parameter: 'after', value: unknown });
  t.is((await allQueued(api.ports)).length, 2);
});

test('dataset: the three shop models, entries given children first, are recorded parents first, each after its parent, keys completed from the parent entry', async (t) => {
  const api = t.context;
  const answer = await submitDataset(api.deps, {
    entries: [
      entry('items', 'json', { kind: 'inline', json: await shopModel('shop-line-items.json', 'orders') }, 840),
      entry('orders', 'json', { kind: 'inline', json: await shopModel('shop-orders.json', 'customers') }, 400, 7),
      entry('customers', 'json', { kind: 'stored', name: 'shop-customers' }, 200),
    ],
    after: [], caller: ANN,
  });
  t.deepEqual(answer.order, ['customers', 'orders', 'items']);
  const queued = await allQueued(api.ports);
  t.deepEqual(queued.map((q) => q.meta.commandUuid), [answer.commands.customers, answer.commands.orders, answer.commands.items]);
  const [customers, orders, items] = queued.map((q) => q.data);
  t.is(customers!.after, undefined);
  t.deepEqual(orders!.after, [answer.commands.customers]);
  t.deepEqual(items!.after, [answer.commands.orders]);
  t.is(typeof customers!.seed, 'number', 'the parent got a seed drawn');
  const itemsModel = await api.ports.models.getContent(items!.model.hash);
  const refs = itemsModel!.fields.flatMap((f) => (f.props.references ? [f.props.references] : []));
  t.deepEqual(refs.map((r) => (r as Record<string, unknown>)), refs.map((r) => ({ ...(r as object), model: 'shop-orders', seed: 7, rows: 400, batches: 1 })));
  t.deepEqual(Object.keys(itemsModel!.parents ?? {}).sort(), ['shop-customers', 'shop-orders']);
  const ordersModel = await api.ports.models.getContent(orders!.model.hash);
  t.like(ordersModel!.fields[1]!.props.references as object, { model: 'shop-customers', seed: customers!.seed, rows: 200, batches: 1 });
});

test('dataset: a bad entry, a cycle or an unknown after is a 400 naming where, and nothing is recorded', async (t) => {
  const api = t.context;
  const good = entry('customers', 'json', { kind: 'stored', name: 'shop-customers' }, 200, 42);
  const bad = entry('orders', 'json', { kind: 'inline', json: { model_name: 'x', Fields: [{ name: 'a', type: 'NOPE' }] } }, 10);
  const e1 = await refusal(submitDataset(api.deps, { entries: [good, bad], after: [], caller: ANN }));
  t.is(e1.status, 400);
  t.regex(e1.message, /^commands\[1\] \("orders"\): Fields\[0\]\.type: unknown type "NOPE"/);
  const a = { model_name: 'cyc-a', Fields: [{ name: 'id', type: 'INTEGER', references: { model: 'b', field: 'id', pick: 'uniform' } }] };
  const b = { model_name: 'cyc-b', Fields: [{ name: 'id', type: 'INTEGER', references: { model: 'a', field: 'id', pick: 'uniform' } }] };
  const e2 = await refusal(submitDataset(api.deps, { entries: [entry('a', 'json', { kind: 'inline', json: a }, 5, 1), entry('b', 'json', { kind: 'inline', json: b }, 5, 1)], after: [], caller: ANN }));
  t.regex(e2.message, /cycle: a → b → a/);
  const unknown = '0000da7a-0000-4000-8000-0000000000ff';
  const e3 = await refusal(submitDataset(api.deps, { entries: [good], after: [unknown], caller: ANN }));
  t.is(e3.message, `parameter after: ${unknown} is no command of this service`);
  // Two entries writing the same files.
  const e4 = await refusal(submitDataset(api.deps, { entries: [good, { ...good, name: 'again' }], after: [], caller: ANN }));
  t.regex(e4.message, /^commands\[1\] \("again"\) writes the same files as commands\[0\] \("customers"\)/);
  t.is((await allQueued(api.ports)).length, 0, 'nothing recorded');
  t.is(await api.ports.models.getByName('cyc-a'), undefined, 'no model stored');
});
