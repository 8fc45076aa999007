/**
 * The API's use cases over the in-memory ports, as given/when/then specs: what each records in the event log, the
 * secret store and the model store, what it refuses (with which status) and what it answers. The read model is fed
 * from the log as the API's projector feeds it.
 */
import anyTest, { type TestFn } from 'ava';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { AppError } from '../../src/errors.js';
import { ALL_EVENTS } from '../../src/events/subjects.js';
import type { HealthProbe } from '../../src/health.js';
import { inMemoryPorts, type InMemoryPorts } from '../../src/memory/memory-ports.js';
import { SequentialIds } from '../../src/memory/sequential-ids.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { followCaughtUp, type LoggedEvent, type Unsubscribe } from '../../src/ports/event-log.js';
import { ReadModel } from '../../src/projection/read-model.js';
import { protectedRoots } from '../../src/protected-paths.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { cancelCommand } from '../../src/use-cases/cancel-command.js';
import { commandAt } from '../../src/use-cases/command-at.js';
import { commandHistory } from '../../src/use-cases/command-history.js';
import { deleteModel } from '../../src/use-cases/delete-model.js';
import { inProcessModelChecks } from '../../src/use-cases/model-checks.js';
import { OutputClaims } from '../../src/use-cases/output-claims.js';
import { removeSchedule } from '../../src/use-cases/remove-schedule.js';
import { replayReadModel } from '../../src/use-cases/replay-read-model.js';
import type { ModelChoice } from '../../src/use-cases/resolve-model.js';
import { storedModel } from '../../src/use-cases/stored-model.js';
import { storeModel } from '../../src/use-cases/store-model.js';
import { submitCommand, type SubmitRequest } from '../../src/use-cases/submit-command.js';
import type { Caller } from '../../src/users/user-directory.js';
import { ownedBy } from '../../src/users/access.js';
import { testModel } from '../../src/use-cases/test-model.js';

interface Api {
  ports: InMemoryPorts;
  readModel: ReadModel;
  deps: InMemoryPorts & {
    readModel: ReadModel;
    log: Logger;
    modelChecks: typeof inProcessModelChecks;
    claims: OutputClaims;
    config: Parameters<typeof submitCommand>[0]['config'] & Parameters<typeof testModel>[0]['config'];
  };
  stop: Unsubscribe;
  dataDir: string;
}

const test = anyTest as TestFn<Api>;

const MODEL = JSON.stringify({ model_name: 'uc-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'word', type: 'STRING', length: 4 }] });
const upload = (text = MODEL): ModelChoice => ({ kind: 'upload', param: 'model_file', text, fileName: 'model.json' });
const DOWN: HealthProbe = { isConnected: false, check: async () => ({ ok: false, nats: 'disconnected', jetstream: 'unknown' }) };

test.beforeEach(async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-use-cases-'));
  const ports = inMemoryPorts({ ids: new SequentialIds('0000ca5e') });
  const readModel = new ReadModel();
  const stop = await followCaughtUp<LoggedEvent>(ports.events, (e) => readModel.apply(e), { filter: ALL_EVENTS });
  const config = {
    modelDirs: [], protectedRoots: protectedRoots(dataDir), limits: DEFAULT_LIMITS, dataDir, outputRoots: [dataDir], properties: {}, minScheduleDelaySeconds: 1, allowedEndpoints: [], modelTestLlmTimeoutMs: 120_000,
  };
  const deps = { ...ports, readModel, log: pino({ level: 'silent' }), modelChecks: inProcessModelChecks, claims: new OutputClaims(readModel), config };
  t.context = { ports, readModel, deps, stop, dataDir };
});

test.afterEach.always(async (t) => {
  await t.context.stop();
  await rm(t.context.dataDir, { recursive: true, force: true });
});

const ANN: Caller = { name: 'ann', role: 'admin', groups: ['admin'] };
/** Another admin: may stop what ann submitted. */
const BOB: Caller = { name: 'bob', role: 'admin', groups: ['admin'] };

function request(overrides: Partial<SubmitRequest> = {}): SubmitRequest {
  return { sink: sinkFor('json'), rows: 3, batches: 2, threads: 1, model: upload(), overrides: {}, caller: ANN, ...overrides };
}

async function types(api: Api, uuid: string): Promise<string[]> {
  return (await api.ports.events.readCommand(uuid)).map((e) => e.type);
}

/** The status of the AppError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const err = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  if (!err) throw new Error('the use case was not refused');
  return { status: err.status, message: err.message };
}

test('submitCommand: given an uploaded model, when submitted, then queued is recorded with the owner and a drawn seed, secrets apart, and the read model knows it', async (t) => {
  const api = t.context;
  const answer = await submitCommand(api.deps, request({ overrides: { KAFKA_BROKERS: 'b:9092', KAFKA_SASL_PASSWORD: 'pw-1' } }));
  t.is(answer.commandUuid, '0000ca5e-0000-4000-8000-000000000001');
  t.deepEqual(answer.warnings, []);
  const [queued] = await api.ports.events.readCommand(answer.commandUuid);
  t.is(queued!.type, 'queued');
  const data = queued!.data as { owner: string; seed: number; rows: number; properties: Record<string, string>; output?: unknown; wallClock?: true };
  t.like(data, { owner: 'ann', seed: 1, rows: 3, properties: { KAFKA_BROKERS: 'b:9092' }, wallClock: true });
  t.truthy(data.output, 'a file sink claims its output');
  t.false(JSON.stringify(queued).includes('pw-1'), 'the secret is not in the event');
  t.deepEqual(await api.ports.secrets.get(answer.commandUuid), { KAFKA_SASL_PASSWORD: 'pw-1' });
  t.truthy(api.readModel.get(answer.commandUuid), 'answered once the read model applied it');
});

test('submitCommand: given a seed, when submitted, then queued records it and no wall clock: its TIMESTAMPs are the deterministic row clock', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request({ seed: 9 }));
  const [queued] = await api.ports.events.readCommand(commandUuid);
  t.is((queued!.data as { seed: number }).seed, 9);
  t.false('wallClock' in (queued!.data as object));
});

test('submitCommand: given a delay, when submitted, then a schedule is created (no command yet) with the given seed only', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request({ delaySeconds: 5, seed: 7 }));
  t.deepEqual(await types(api, commandUuid), []);
  const [created] = await api.ports.events.readSchedule(commandUuid);
  t.is(created!.type, 'schedule-created');
  t.like(created!.data, { delaySeconds: 5, request: { seed: 7, owner: 'ann' } });
  t.is(api.readModel.schedule(commandUuid)?.status, 'ACTIVE');
});

test('submitCommand: given a delay below the minimum, a model that does not compile, or a store that is down, then a 400, a 400 and a 503, and nothing is recorded', async (t) => {
  const api = t.context;
  t.deepEqual(await refusal(submitCommand(api.deps, request({ delaySeconds: 0 }))), { status: 400, message: 'parameter delay_between_executions_seconds must be at least 1 (DATAGEN_MIN_SCHEDULE_DELAY_SECONDS), got 0' });
  const broken = JSON.stringify({ model_name: 'broken', Fields: [{ name: 'c', type: 'CSV', file: 'missing.csv', field: 'x' }] });
  t.is((await refusal(submitCommand(api.deps, request({ model: upload(broken) })))).status, 400);
  t.is((await refusal(submitCommand({ ...api.deps, health: DOWN }, request()))).status, 503);
  t.is(await api.ports.events.lastSeq(), 0);
});

test('submitCommand: given an upload, then it is stored under its name, owned by the caller; the same name from a user who may not change it is a 409 and nothing is recorded', async (t) => {
  const api = t.context;
  const ben: Caller = { name: 'ben', role: 'user', groups: ['user'] };
  await submitCommand(api.deps, request({ caller: ben }));
  t.deepEqual(await api.ports.models.accessOf('uc-model'), ownedBy('ben'));
  const seq = await api.ports.events.lastSeq();
  const cy: Caller = { name: 'cy', role: 'user', groups: ['user'] };
  const refused = await refusal(submitCommand(api.deps, request({ caller: cy })));
  t.is(refused.status, 409);
  t.regex(refused.message, /a model named "uc-model" is already stored and user cy may not replace it/);
  t.is(await api.ports.events.lastSeq(), seq, 'nothing recorded');
  t.is((await refusal(submitCommand(api.deps, request({ caller: cy, model: { kind: 'reference', param: 'model', ref: 'uc-model' } })))).status, 400, 'nor may cy run it by name');
  await submitCommand(api.deps, request({ caller: ANN, sink: sinkFor('csv') })); // another sink: other output files
  t.deepEqual(await api.ports.models.accessOf('uc-model'), ownedBy('ben'), 'an admin replaces it, the owner stays');
});

test('submitCommand: given a running command writing the same files, when another is submitted, then a 409 names it and nothing is recorded', async (t) => {
  const api = t.context;
  const first = await submitCommand(api.deps, request());
  const conflict = await refusal(submitCommand(api.deps, request()));
  t.is(conflict.status, 409);
  t.true(conflict.message.includes(first.commandUuid));
  t.is(api.readModel.all().length, 1);
});

/** The use cases' dependencies with the service configured for a Kafka broker (which settings may then name). */
const withKafka = (api: Api) => ({ ...api.deps, config: { ...api.deps.config, properties: { KAFKA_BROKERS: 'b:9092' } } });

test('submitCommand: given multipleconnectors with json, csv and kafka, then queued records the connectors and each file sink\'s output; a command writing one of those files is refused', async (t) => {
  const api = t.context;
  const deps = withKafka(api);
  const multi = request({ sink: sinkFor('multipleconnectors'), connectors: ['json', 'csv', 'kafka'] });
  const { commandUuid } = await submitCommand(deps, multi);
  const [queued] = await api.ports.events.readCommand(commandUuid);
  const data = queued!.data as { service: string; connectors?: string[]; output?: unknown; outputs?: Array<{ ext: string }> };
  t.is(data.service, 'multipleconnectors');
  t.deepEqual(data.connectors, ['json', 'csv', 'kafka']);
  t.is(data.output, undefined, 'a multipleconnectors command records its targets as outputs');
  t.deepEqual(data.outputs?.map((o) => o.ext), ['json', 'csv'], 'kafka writes no files');
  const csv = await refusal(submitCommand(deps, request({ sink: sinkFor('csv') })));
  t.is(csv.status, 409);
  t.true(csv.message.includes(commandUuid), 'the csv target of the running multipleconnectors command is claimed');
  t.is((await refusal(submitCommand(deps, multi))).status, 409, 'and the same request again is refused');
  await submitCommand(deps, request({ sink: sinkFor('avro') }));
  t.is(api.readModel.all().length, 2, 'a format the command does not write is free');
});

test('submitCommand: given multipleconnectors with a bad connector list or a connector\'s bad setting, then a 400 naming it, and nothing is recorded', async (t) => {
  const api = t.context;
  const multi = (connectors: string[] | undefined, model = upload()) =>
    refusal(submitCommand(withKafka(api), request({ sink: sinkFor('multipleconnectors'), ...(connectors ? { connectors } : {}), model })));
  t.like(await multi(['json', 'nosuch']), { status: 400, message: 'wrong connectors: "nosuch" is not a sink this service runs; available: ' + (await import('../../src/sinks/registry.js')).availableSinks().filter((s) => s !== 'multipleconnectors').join(', ') });
  t.like(await multi(undefined), { status: 400 });
  t.like(await multi(['csv', 'csv']), { status: 400, message: 'parameter connectors names csv twice: each sink may appear once' });
  const badTopic = JSON.stringify({ ...JSON.parse(MODEL), Table_Names: { KAFKA_TOPIC: 'no spaces' } });
  const bad = await multi(['json', 'kafka'], upload(badTopic));
  t.is(bad.status, 400);
  t.regex(bad.message, /^connector kafka: Kafka topic "no spaces" is not a legal topic name/);
  t.is(await api.ports.events.lastSeq(), 0);
});

test('submitCommand: given a multipleconnectors schedule, its request records the connectors and each output for every execution', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request({ sink: sinkFor('multipleconnectors'), connectors: ['json', 'parquet'], delaySeconds: 5 }));
  const [created] = await api.ports.events.readSchedule(commandUuid);
  const r = (created!.data as { request: { connectors?: string[]; outputs?: Array<{ ext: string; execution?: unknown }> } }).request;
  t.deepEqual(r.connectors, ['json', 'parquet']);
  t.deepEqual(r.outputs?.map((o) => [o.ext, o.execution]), [['json', 'every'], ['parquet', 'every']]);
});

test('cancelCommand: given a queued command, when cancelled, then cancel-requested is recorded by the caller; a second cancel is accepted too', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request());
  const state = await cancelCommand(api.deps, commandUuid, BOB);
  t.true(state.context.cancelRequested);
  await cancelCommand(api.deps, commandUuid, BOB);
  const requests = (await api.ports.events.readCommand(commandUuid)).filter((e) => e.type === 'cancel-requested');
  t.deepEqual(requests.map((e) => [e.data, e.meta.actor]), [[{ by: 'bob' }, 'api']], 'the second request is the same fact, de-duplicated');
});

test('cancelCommand: given an ended command, a schedule or an unknown uuid, then a 409 naming its status, a 400 and a 404', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request());
  await api.ports.events.append(commandUuid, 'cancel-requested', { by: 'bob' });
  const { seq } = await api.ports.events.append(commandUuid, 'cancelled', { reason: 'cancelled' });
  await api.readModel.waitFor(seq);
  t.deepEqual(await refusal(cancelCommand(api.deps, commandUuid, BOB)), { status: 409, message: `command ${commandUuid} is already CANCELLED and cannot be cancelled` });
  const schedule = await submitCommand(api.deps, request({ delaySeconds: 5, model: upload(MODEL.replace('uc-model', 'uc-sched')) }));
  t.is((await refusal(cancelCommand(api.deps, schedule.commandUuid, BOB))).status, 400);
  t.is((await refusal(cancelCommand(api.deps, '00000000-0000-4000-8000-00000000ffff', BOB))).status, 404);
});

test('removeSchedule: given an active schedule, when removed twice, then one schedule-removed is recorded and it stays REMOVED; an unknown one is a 404', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request({ delaySeconds: 5 }));
  t.is((await removeSchedule(api.deps, commandUuid, BOB)).status, 'REMOVED');
  t.is((await removeSchedule(api.deps, commandUuid, BOB)).status, 'REMOVED');
  t.deepEqual((await api.ports.events.readSchedule(commandUuid)).map((e) => e.type), ['schedule-created', 'schedule-removed']);
  t.is((await refusal(removeSchedule(api.deps, '00000000-0000-4000-8000-00000000ffff', BOB))).status, 404);
});

test('cancelCommand and removeSchedule: given a user\'s command and schedule, then only that user and admins may stop them; another user gets a 403 and nothing is recorded', async (t) => {
  const api = t.context;
  const dee: Caller = { name: 'dee', role: 'user', groups: ['user'] };
  const eve: Caller = { name: 'eve', role: 'user', groups: ['user'] };
  const { commandUuid } = await submitCommand(api.deps, request({ caller: dee, model: upload(MODEL.replace('uc-model', 'uc-dee')) }));
  const schedule = await submitCommand(api.deps, request({ caller: dee, delaySeconds: 5, sink: sinkFor('csv'), model: { kind: 'reference', param: 'model', ref: 'uc-dee' } }));
  t.deepEqual(await refusal(cancelCommand(api.deps, commandUuid, eve)), { status: 403, message: `user eve may not stop command ${commandUuid}: only its owner and the service's admins may` });
  t.is((await refusal(removeSchedule(api.deps, schedule.commandUuid, eve))).status, 403);
  t.false((await api.ports.events.readCommand(commandUuid)).some((e) => e.type === 'cancel-requested'));
  t.deepEqual((await api.ports.events.readSchedule(schedule.commandUuid)).map((e) => e.type), ['schedule-created']);
  t.true((await cancelCommand(api.deps, commandUuid, dee)).context.cancelRequested);
  t.is((await removeSchedule(api.deps, schedule.commandUuid, dee)).status, 'REMOVED');
  const other = await submitCommand(api.deps, request({ caller: dee, sink: sinkFor('csv'), model: { kind: 'reference', param: 'model', ref: 'uc-dee' } }));
  t.true((await cancelCommand(api.deps, other.commandUuid, BOB)).context.cancelRequested, 'an admin stops anyone\'s');
});

test('storeModel, storedModel, deleteModel: given a model with a secret, when stored, then it is got by name with the secret shown redacted, and deleted once', async (t) => {
  const api = t.context;
  const withSecret = JSON.stringify({ model_name: 'kept', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }], Table_Names: { KAFKA_KEYSTORE_PASSWORD: 'ks-pass' } });
  t.is(await storeModel(api.deps, upload(withSecret), ANN), 'kept');
  const got = await storedModel(api.deps, 'kept', ANN);
  t.like(got, { model_name: 'kept', Table_Names: { KAFKA_KEYSTORE_PASSWORD: '********' } });
  t.false(JSON.stringify(got).includes('ks-pass'));
  t.like(await api.ports.models.getByName('kept'), { tableNames: { KAFKA_KEYSTORE_PASSWORD: 'ks-pass' } }, 'the store keeps the secret for the runs');
  t.true(await deleteModel(api.deps, 'kept', ANN));
  t.false(await deleteModel(api.deps, 'kept', ANN));
  t.is((await refusal(storedModel(api.deps, 'kept', ANN))).status, 404);
});

test('testModel: given a stored model named by reference and a seed, when tested twice, then the same one row', async (t) => {
  const api = t.context;
  await storeModel(api.deps, upload(), ANN);
  const reference: ModelChoice = { kind: 'reference', param: 'model', ref: 'uc-model' };
  const first = await testModel(api.deps, reference, ANN, 5);
  t.like(first, { model: 'uc-model', seed: 5, ghost: [] });
  t.deepEqual(Object.keys(first.row), ['id', 'word']);
  t.deepEqual(await testModel(api.deps, reference, ANN, 5), first);
  t.is((await refusal(testModel(api.deps, { kind: 'reference', param: 'model', ref: 'nowhere' }, ANN))).status, 400);
});

test('testModel: an LLM field is answered (not for a viewer: 403), so its URL must be one the service may call (400 naming the field, no call); an endpoint that does not answer is a 502 naming it', async (t) => {
  const api = t.context;
  const llm = (url: string) => upload(JSON.stringify({ model_name: 'uc-llm-test', Fields: [{ name: 'city', type: 'STRING', possible_values: ['Lima'] }, { name: 'review', type: 'OLLAMA', url, request: 'About ${city}' }] }));
  const viewer: Caller = { name: 'vi', role: 'viewer', groups: [] };
  const forbidden = await refusal(testModel(api.deps, llm('http://10.1.2.3:11434'), viewer, 1));
  t.is(forbidden.status, 403);
  t.regex(forbidden.message, /^Fields\[1\] \(OLLAMA\): answering LLM fields calls a model at the deployment's cost, which a viewer may not do/);
  const refused = await refusal(testModel(api.deps, llm('http://10.1.2.3:11434'), ANN, 1));
  t.is(refused.status, 400);
  t.regex(refused.message, /^Fields\[1\]\.url names LLM endpoint http:\/\/10\.1\.2\.3:11434, which this service may not call/);
  api.deps.config = { ...api.deps.config, properties: { DATAGEN_LLM_ALLOWED_URLS: 'http://127.0.0.1:1/', DATAGEN_LLM_RETRIES: '0' } };
  const down = await refusal(testModel(api.deps, llm('http://127.0.0.1:1'), ANN, 1));
  t.is(down.status, 502);
  t.regex(down.message, /^LLM endpoint http:\/\/127\.0\.0\.1:1 is unreachable/);
});

test('commandAt and commandHistory: given a cancelled command, then its state as of each sequence, and its events in order', async (t) => {
  const api = t.context;
  const { commandUuid } = await submitCommand(api.deps, request());
  const queuedSeq = await api.ports.events.lastSeq();
  await cancelCommand(api.deps, commandUuid, BOB);
  const then = await commandAt(api.deps, commandUuid, queuedSeq);
  t.is(then.kind === 'command' && then.snapshot.context.cancelRequested, false);
  const now = await commandAt(api.deps, commandUuid);
  t.is(now.kind === 'command' && now.snapshot.context.cancelRequested, true);
  t.is((await refusal(commandAt(api.deps, commandUuid, queuedSeq - 1))).status, 404);
  const history = await commandHistory(api.deps, commandUuid);
  t.deepEqual(history.events.map((e) => [e.type, e.actor]), [['queued', 'api'], ['cancel-requested', 'api']]);
  t.is(history.scheduleId, undefined);
});

test('replayReadModel: given recorded commands and a schedule, when replayed by two callers at once, then one rebuild, identical to the live read model', async (t) => {
  const api = t.context;
  await submitCommand(api.deps, request());
  await submitCommand(api.deps, request({ delaySeconds: 5, model: upload(MODEL.replace('uc-model', 'uc-sched')) }));
  const replay = replayReadModel(api.deps);
  const [a, b] = await Promise.all([replay(), replay()]);
  t.is(a, b, 'the second caller shares the running replay');
  t.like(a, { seq: 2, events: 2, commands: 1, schedules: 1, identical: true });
});

test('submitCommand: an LLM field whose URL the service may not call is refused at submission (400 naming the field and the host), nothing recorded; an allowed one is queued', async (t) => {
  const api = t.context;
  const llm = (url: string) => JSON.stringify({ model_name: 'uc-llm', Fields: [{ name: 'city', type: 'STRING', possible_values: ['Lima'] }, { name: 'review', type: 'OLLAMA', url, request: 'About ${city}' }] });
  const refused = await refusal(submitCommand(api.deps, request({ model: upload(llm('http://10.1.2.3:11434/api?key=k-secret')) })));
  t.is(refused.status, 400);
  t.regex(refused.message, /^Fields\[1\]\.url names LLM endpoint http:\/\/10\.1\.2\.3:11434, which this service may not call/);
  t.false(refused.message.includes('k-secret'));
  t.deepEqual(await api.ports.events.readAll(), []);
  t.false((await api.ports.models.list()).includes('uc-llm'));
  api.deps.config = { ...api.deps.config, properties: { DATAGEN_LLM_ALLOWED_URLS: 'http://10.1.2.3:11434/' } };
  const { commandUuid } = await submitCommand(api.deps, request({ model: upload(llm('http://10.1.2.3:11434')) }));
  t.deepEqual(await types(api, commandUuid), ['queued']);
});

test('submitCommand: a LOCAL_LLM field\'s file must be a GGUF file of DATAGEN_LLM_MODELS_DIR (from the configuration only): a 400 naming Fields[1].file otherwise, nothing recorded', async (t) => {
  const api = t.context;
  const dir = path.join(api.dataDir, 'llm-models');
  const outside = path.join(api.dataDir, 'elsewhere');
  await mkdir(dir);
  await mkdir(outside);
  await writeFile(path.join(dir, 'tiny.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60)]));
  await writeFile(path.join(dir, 'fake.gguf'), 'not a model');
  await writeFile(path.join(outside, 'other.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60)]));
  await symlink(path.join(outside, 'other.gguf'), path.join(dir, 'link.gguf'));
  const llm = (file: string, name = 'uc-local') => JSON.stringify({ model_name: name, Fields: [{ name: 'city', type: 'STRING', possible_values: ['Lima'] }, { name: 'review', type: 'LOCAL_LLM', file, request: 'About ${city}' }] });
  const refusedWith = async (file: string, overrides: Record<string, string> = {}) => {
    const refused = await refusal(submitCommand(api.deps, request({ model: upload(llm(file)), overrides })));
    t.is(refused.status, 400, file);
    return refused.message;
  };
  t.regex(await refusedWith('tiny.gguf'), /^Fields\[1\]\.file: LOCAL_LLM fields need a directory of model files: the operator sets DATAGEN_LLM_MODELS_DIR/);
  // A command's own properties name no directory.
  t.regex(await refusedWith('tiny.gguf', { DATAGEN_LLM_MODELS_DIR: dir }), /^Fields\[1\]\.file: .*DATAGEN_LLM_MODELS_DIR/);
  api.deps.config = { ...api.deps.config, properties: { DATAGEN_LLM_MODELS_DIR: `${outside}-none, ${dir}` } };
  t.regex(await refusedWith('../elsewhere/other.gguf'), /^Fields\[1\]\.file: "\.\.\/elsewhere\/other\.gguf" is outside the allowed model directories/);
  t.regex(await refusedWith(path.join(outside, 'other.gguf')), /^Fields\[1\]\.file: .* is outside the allowed model directories/);
  t.regex(await refusedWith('link.gguf'), /^Fields\[1\]\.file: "link\.gguf" is outside/, 'a link out of the directory counts where it points');
  t.regex(await refusedWith('fake.gguf'), /^Fields\[1\]\.file: "fake\.gguf" is not a GGUF model file/);
  t.regex(await refusedWith('missing.gguf'), /^Fields\[1\]\.file: file "missing\.gguf" not found in the allowed model directories/);
  t.deepEqual(await api.ports.events.readAll(), []);
  const { commandUuid } = await submitCommand(api.deps, request({ model: upload(llm('tiny.gguf')) }));
  t.deepEqual(await types(api, commandUuid), ['queued']);
  const absolute = await submitCommand(api.deps, request({ model: upload(llm(path.join(dir, 'tiny.gguf'), 'uc-local-abs')) }));
  t.deepEqual(await types(api, absolute.commandUuid), ['queued']);
});

test('submitCommand: a child model\'s parents are resolved as the caller may use them, carried with the command\'s model (redacted), and not stored with the child', async (t) => {
  const api = t.context;
  const ben: Caller = { name: 'ben', role: 'user', groups: ['user'] };
  const parent = JSON.stringify({
    model_name: 'uc-parent',
    Fields: [{ name: 'id', type: 'INCREMENT_INTEGER', min: 1 }],
    Table_Names: { LOCAL_FILE_NAME: 'uc-parent', KAFKA_SASL_PASSWORD: 'parent-pw' },
  });
  await submitCommand(api.deps, request({ caller: ben, model: upload(parent) }));
  const child = JSON.stringify({
    model_name: 'uc-child',
    Fields: [{ name: 'parent_id', type: 'INTEGER', references: { model: 'uc-parent', field: 'id', seed: 5, rows: 10, children: { min: 1, max: 2 } } }],
    Table_Names: { LOCAL_FILE_NAME: 'uc-child' },
  });
  const cy: Caller = { name: 'cy', role: 'user', groups: ['user'] };
  const refused = await refusal(submitCommand(api.deps, request({ caller: cy, model: upload(child) })));
  t.is(refused.status, 400);
  t.regex(refused.message, /Fields\[0\]\.references\.model: "uc-parent" is neither a stored model nor a model file/, 'another user\'s parent is not there for cy');
  const answer = await submitCommand(api.deps, request({ caller: ben, model: upload(child) }));
  const [queued] = await api.ports.events.readCommand(answer.commandUuid);
  const content = await api.ports.models.getContent((queued!.data as { model: { hash: string } }).model.hash);
  t.deepEqual(Object.keys(content?.parents ?? {}), ['uc-parent']);
  t.false(JSON.stringify(content).includes('parent-pw'), 'the parent travels redacted');
  t.is((await api.ports.models.getByName('uc-child'))?.parents, undefined, 'the stored child is the model as written');
});
