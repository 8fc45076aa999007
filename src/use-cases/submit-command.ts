/**
 * Submits a generation: a command (recorded as `queued`) or a schedule (`schedule-created`) whose executions are
 * commands. Everything is checked first (the model resolved, within the limits and compiled, a stored one only if
 * the caller may use it; the sink's settings; the output files not claimed by a running command), and the answer
 * waits until the read model knows the new command, so an immediate status query finds it. An uploaded model is
 * stored under its name with the caller as owner, as the original did, but never over someone else's (409).
 * `prepareCommand` checks everything and returns the recording, so a dataset (submit-dataset.ts) records nothing
 * until all its commands passed.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { applyCredentials, CREDENTIALS_SETTING } from '../credentials/apply.js';
import type { CredentialVault } from '../credentials/vault.js';
import { BadRequestError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import { assertRequestWithinLimits } from '../model/model-limits.js';
import type { ModelDefinition } from '../model/types.js';
import type { EventLog } from '../ports/event-log.js';
import type { Ids } from '../ports/ids.js';
import type { ModelStore } from '../ports/model-store.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { ReadModel } from '../projection/read-model.js';
import type { Caller } from '../users/user-directory.js';
import { readableFiles } from '../readable-files.js';
import { splitSecrets } from '../secrets.js';
import { sinkContext, sinkSettings } from '../sinks/context.js';
import type { OutputTarget } from '../sinks/output-target.js';
import type { Sink } from '../sinks/types.js';
import type { RateSpec } from '../events/types.js';
import { seeding } from '../command/seeding.js';
import { assertCanRecord } from './can-record.js';
import { usableCredentials } from './manage-credentials.js';
import type { ModelChecks } from './model-checks.js';
import type { OutputClaims } from './output-claims.js';
import { saveAccess } from './model-access.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';
import { saveModel } from './store-model.js';
import { assertDependencies, recordedAfter } from './command-dependencies.js';
import { assertLlmUrlsAllowed, assertLocalLlmFiles } from '../llm/submission-check.js';
import { allProtectedRoots } from '../sinks/files/paths.js';

export interface SubmitDeps {
  events: EventLog;
  readModel: ReadModel;
  models: ModelStore;
  secrets: SecretStore;
  /** The stored credentials a request's credentials= names; absent: naming any is a 400. */
  credentialVault?: CredentialVault;
  health: HealthProbe;
  modelChecks: ModelChecks;
  claims: OutputClaims;
  ids: Ids;
  log: Logger;
  /** shardRows (DATAGEN_SHARD_ROWS) unset: sharding off. */
  config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits' | 'dataDir' | 'outputRoots' | 'properties' | 'minScheduleDelaySeconds'> & { shardRows?: number };
}

export interface SubmitRequest {
  sink: Sink;
  /** The sinks of a multipleconnectors request (names lower-cased), checked by its validate. */
  connectors?: string[];
  rows: number;
  batches: number;
  threads: number;
  /** Given: the rows are reproducible. Unset: a command draws one; a schedule's executions derive theirs. */
  seed?: number;
  /** Set for a schedule: seconds from one execution's end to the next one's start. */
  delaySeconds?: number;
  /** A rate-controlled command's pace (docs/rate-control.md). */
  rate?: RateSpec;
  /** A rate-controlled command with no end (batches 0): it runs until cancelled. */
  unbounded?: true;
  model: ModelChoice;
  /** extraProperties: settings for this command only, secrets among them. */
  overrides: Record<string, string>;
  /** credentials=: names of stored credentials (repeated or comma-separated), each one the caller may use. */
  credentials?: string[];
  /** Who submits it (the signed-in user, or the anonymous admin of an open service): the command's owner. */
  caller: Caller;
  /** after=: commands it waits for (each must be known to the read model); not with a schedule. */
  after?: string[];
  /** A dataset's: commands of the same dataset prepared before it, which it waits for (not recorded yet). */
  afterSiblings?: string[];
  /** A dataset's: its other models by model_name, found before stored ones when a foreign key names them. */
  pendingModels?: ReadonlyMap<string, ModelDefinition>;
}

export interface SubmitAnswer {
  /** The command's uuid, or the schedule's. */
  commandUuid: string;
  /** What the model parser noticed without refusing it (unknown keys, ignored properties). */
  warnings: string[];
}

/** A command checked and ready to record. */
export interface PreparedCommand extends SubmitAnswer {
  /** The model as it will run (its parents with it). */
  model: ModelDefinition;
  /** The files it writes: a dataset checks its commands do not write each other's. */
  targets: OutputTarget[];
  record(): Promise<void>;
}

export async function submitCommand(deps: SubmitDeps, request: SubmitRequest): Promise<SubmitAnswer> {
  const prepared = await prepareCommand(deps, request);
  await prepared.record();
  return { commandUuid: prepared.commandUuid, warnings: prepared.warnings };
}

export async function prepareCommand(deps: SubmitDeps, request: SubmitRequest): Promise<PreparedCommand> {
  assertCanRecord(deps.health);
  const { config } = deps;
  const isSchedule = request.delaySeconds !== undefined;
  if (isSchedule) assertScheduleDelay(request.delaySeconds!, config.minScheduleDelaySeconds);
  if (isSchedule && request.after?.length) throw new BadRequestError('parameter after: a schedule\'s executions cannot wait for other commands', { parameter: 'after' });
  assertDependencies(deps.readModel, request.after ?? []);
  const after = recordedAfter(request.after, request.afterSiblings);
  const model = await checkedModel(deps, request);
  const upload = request.model.kind === 'upload';
  // Refused (409) before anything is recorded; saved once everything else is checked.
  if (upload) saveAccess(request.caller, model.name)(await deps.models.accessOf(model.name));
  const commandUuid = deps.ids.uuid();
  const { plain, secret } = splitSecrets(request.overrides);
  // Only the credentials' names are kept with the command (in its secrets); where it runs, they are opened.
  const credentials = await credentialsSetting(deps, request);
  const { connectors } = request;
  const applied = await applyCredentials(deps.credentialVault, model, sinkSettings(config, { ...request.overrides, ...credentials }), { materialise: false });
  const sinkCtx = sinkContext(commandUuid, applied.model, request.rows, request.batches, applied.settings, undefined, connectors);
  request.sink.validate(sinkCtx);
  // An LLM field naming a URL the service may not call is refused now, not when its batch runs.
  assertLlmUrlsAllowed(applied.model, applied.settings.properties, applied.settings.endpoints?.llmUrls ?? []);
  await assertLocalLlmFiles(applied.model, { modelDirs: applied.settings.endpoints?.llmModelDirs ?? [], protectedRoots: allProtectedRoots(applied.settings) });
  // A schedule claims the names of all its executions.
  const claimed = (t: OutputTarget): OutputTarget => (isSchedule ? { ...t, execution: 'every' } : t);
  const target = request.sink.outputTarget?.(sinkCtx);
  const output = target && claimed(target);
  const outputs = request.sink.outputTargets?.(sinkCtx).map(claimed);
  const hash = await deps.models.putContent(model);
  const service = request.sink.name;
  const { rows, batches, threads } = request;
  const owner = request.caller.name;
  // The shard size is recorded, so every process computes the same layout whatever its own setting later.
  const shardRows = config.shardRows ?? 0;
  const recorded = {
    service, ...(connectors ? { connectors } : {}), rows, batches, threads, model: { name: model.name, hash }, properties: plain, owner,
    ...(output ? { output } : {}), ...(outputs?.length ? { outputs } : {}), shardRows,
    ...(request.rate ? { rate: request.rate } : {}), ...(request.unbounded ? { unbounded: true as const } : {}),
  };
  const targets = outputs ?? (output ? [output] : []);
  const record = () => deps.claims.claim(targets, isSchedule ? commandUuid : undefined, async () => {
    if (upload) await saveModel(deps, model, request.caller);
    await deps.secrets.put(commandUuid, { ...secret, ...credentials });
    if (isSchedule) {
      const seed = request.seed !== undefined ? { seed: request.seed } : {};
      const { seq } = await deps.events.appendSchedule(commandUuid, 'schedule-created', { request: { ...recorded, ...seed }, delaySeconds: request.delaySeconds! }, { actor: 'api' });
      await deps.readModel.waitFor(seq);
      deps.log.info({ scheduleId: commandUuid, service, delaySeconds: request.delaySeconds, model: model.name }, 'schedule created');
      return;
    }
    const { seq } = await deps.events.append(commandUuid, 'queued', { ...recorded, ...seeding(request.seed, () => deps.ids.seed()), ...(after.length ? { after } : {}) }, { actor: 'api' });
    // Answer once our own read model knows the command, so an immediate status query finds it (and the next claim sees it).
    await deps.readModel.waitFor(seq);
    deps.log.info({ commandUuid, service, ...(connectors ? { connectors } : {}), rows, batches, threads, model: model.name, ...(after.length ? { after } : {}) }, 'command queued');
  });
  return { commandUuid, warnings: model.warnings ?? [], model, targets, record };
}

async function credentialsSetting(deps: SubmitDeps, request: SubmitRequest): Promise<Record<string, string>> {
  if (!request.credentials?.length) return {};
  if (!deps.credentialVault) throw new BadRequestError('parameter credentials: this service stores no credentials', { parameter: 'credentials' });
  const names = await usableCredentials(deps.credentialVault, request.caller, request.credentials);
  return names.length ? { [CREDENTIALS_SETTING]: JSON.stringify(names) } : {};
}

function assertScheduleDelay(delay: number, min: number): void {
  if (delay < min) {
    throw new BadRequestError(`parameter delay_between_executions_seconds must be at least ${min} (DATAGEN_MIN_SCHEDULE_DELAY_SECONDS), got ${delay}`, { parameter: 'delay_between_executions_seconds', value: String(delay) });
  }
}

/** The chosen model, within the limits for this request, compiled on a model-check thread. */
async function checkedModel(deps: SubmitDeps, request: SubmitRequest): Promise<ModelDefinition> {
  const sources = modelSourcesOf(deps.models, deps.config, request.caller);
  const model = await resolveModel(request.model, { ...sources, ...(request.pendingModels ? { pending: request.pendingModels } : {}) });
  assertRequestWithinLimits({ rows: request.rows, batches: request.batches }, model, deps.config.limits);
  // What only compilation finds (a formula that does not parse, a CSV file that is missing or outside the data
  // directories) is a 400 now rather than a failed command later.
  await deps.modelChecks.compile(model, readableFiles(deps.config));
  return model;
}
