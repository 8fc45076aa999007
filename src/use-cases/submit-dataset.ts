/**
 * POST /datagen/dataset: several commands submitted together, whose models may reference each other
 * (docs/related-models.md). Each entry is checked as a command is (prepareCommand), parents first, each child
 * waiting for its parents (`after`); a foreign key naming an entry (by its name or model_name) resolves to that
 * entry's model and generation. Nothing is recorded until every entry passed: a 400 submits nothing.
 */
import { BadRequestError, ConflictError, AppError } from '../errors.js';
import { parseModelText } from '../model/parse.js';
import { planDataset, submissionOrder, type PlanEntry } from '../model/relations/dataset-plan.js';
import type { ModelDefinition } from '../model/types.js';
import { targetsConflict, type OutputTarget } from '../sinks/output-target.js';
import type { Caller } from '../users/user-directory.js';
import { assertDependencies } from './command-dependencies.js';
import { modelSourcesOf, resolveOne } from './resolve-model.js';
import { prepareCommand, type PreparedCommand, type SubmitDeps, type SubmitRequest } from './submit-command.js';

/** An entry's model: written inline (stored under its model_name, as an upload), or a stored model's name. */
export type EntryModel = { kind: 'inline'; json: Record<string, unknown> } | { kind: 'stored'; name: string };

export interface DatasetEntry {
  name: string;
  model: EntryModel;
  /** The command as /datagen/<sink> takes it, but its model and its place in the dataset. */
  command: Omit<SubmitRequest, 'model' | 'caller' | 'after' | 'afterSiblings' | 'pendingModels' | 'delaySeconds'>;
}

export interface DatasetRequest {
  entries: DatasetEntry[];
  /** Commands every entry waits for (after=). */
  after: string[];
  caller: Caller;
}

export interface DatasetAnswer {
  /** Entry name → its command's uuid. */
  commands: Record<string, string>;
  /** The entries in the order they were submitted (parents first). */
  order: string[];
  warnings?: Record<string, string[]>;
}

/** An error of entry i, its message saying which entry (errors already naming commands[i] are kept). */
function ofEntry(i: number, name: string, err: unknown): unknown {
  if (!(err instanceof AppError) || err.message.startsWith(`commands[${i}]`)) return err;
  const message = `commands[${i}] ("${name}"): ${err.message}`;
  const details = { ...err.details, entry: i };
  return err instanceof ConflictError ? new ConflictError(message, details) : err.status === 400 ? new BadRequestError(message, details) : err;
}

async function forEntry<T>(i: number, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw ofEntry(i, name, err);
  }
}

/** A stored entry's model alone (parents unresolved): what the plan reads its references from. */
function storedModel(deps: SubmitDeps, name: string, i: number, caller: Caller): Promise<ModelDefinition> {
  return resolveOne({ kind: 'reference', param: `commands[${i}].model_name`, ref: name }, modelSourcesOf(deps.models, deps.config, caller));
}

/** What the plan reads of an inline model, before it is parsed (its references may lack what the plan completes). */
function inlineFacts(json: Record<string, unknown>): { modelName: string; references: unknown[] } {
  const fields = Array.isArray(json.Fields) ? json.Fields : [];
  return { modelName: typeof json.model_name === 'string' ? json.model_name : '', references: fields.map((f: unknown) => (f && typeof f === 'object' ? (f as Record<string, unknown>).references : undefined)) };
}

/** An inline model's Fields with the references the plan completed. */
function completedJson(json: Record<string, unknown>, completed: Map<number, Record<string, unknown>>): Record<string, unknown> {
  if (completed.size === 0 || !Array.isArray(json.Fields)) return json;
  const fields = json.Fields.map((f: unknown, j: number) => (completed.has(j) ? { ...(f as Record<string, unknown>), references: completed.get(j) } : f));
  return { ...json, Fields: fields };
}

/** Two entries of one dataset writing the same files would overwrite each other: refused before anything runs. */
function assertDistinctTargets(prepared: ReadonlyArray<{ index: number; targets: OutputTarget[] }>, entries: readonly DatasetEntry[]): void {
  for (let a = 0; a < prepared.length; a++) {
    for (let b = a + 1; b < prepared.length; b++) {
      if (!prepared[a]!.targets.some((t) => prepared[b]!.targets.some((u) => targetsConflict(t, u)))) continue;
      const [i, k] = [prepared[a]!.index, prepared[b]!.index].sort((x, y) => x - y);
      throw new BadRequestError(`commands[${k}] ("${entries[k]!.name}") writes the same files as commands[${i}] ("${entries[i]!.name}"): give one another Table_Names.LOCAL_FILE_NAME or LOCAL_FILE_PATH`, { parameter: `commands[${k}]` });
    }
  }
}

/** The dataset's models as they will run, and its plan: who references whom, the seeds parents generate with. */
interface DatasetModels {
  plan: ReturnType<typeof planDataset>;
  order: number[];
  seeds: number[];
  /** Inline models with their references completed (undefined for a stored entry). */
  inline: Array<Record<string, unknown> | undefined>;
  /** Every entry's model by model_name: the parents its children's foreign keys find first. */
  pending: Map<string, ModelDefinition>;
}

async function datasetModels(deps: SubmitDeps, entries: readonly DatasetEntry[], caller: Caller): Promise<DatasetModels> {
  const stored = await Promise.all(entries.map(({ model, name }, i) => (model.kind === 'stored' ? forEntry(i, name, () => storedModel(deps, model.name, i, caller)) : undefined)));
  // A parent's keys are a function of its seed: a parent without one gets it drawn now, so its children know it
  // (the others keep none: their TIMESTAMPs read the wall clock, as any unseeded command's).
  const seeds = entries.map((e) => e.command.seed ?? deps.ids.seed());
  const planEntries: PlanEntry[] = entries.map((e, i) => ({
    name: e.name, seed: seeds[i]!, rows: e.command.rows, batches: e.command.batches, completable: e.model.kind === 'inline',
    ...(e.model.kind === 'inline' ? inlineFacts(e.model.json) : { modelName: stored[i]!.name, references: stored[i]!.fields.map((f) => f.props.references) }),
  }));
  const plan = planDataset(planEntries);
  const order = submissionOrder(planEntries, plan);
  const inline = entries.map((e, i) => (e.model.kind === 'inline' ? completedJson(e.model.json, plan[i]!.completed) : undefined));
  const pending = new Map<string, ModelDefinition>();
  for (const [i, e] of entries.entries()) {
    const m = await forEntry(i, e.name, async () => stored[i] ?? parseModelText(JSON.stringify(inline[i]), `commands[${i}].model`, deps.config.limits));
    const same = pending.get(m.name);
    if (same && JSON.stringify(same) !== JSON.stringify(m)) {
      throw new BadRequestError(`commands[${i}] ("${e.name}"): another entry has a different model named "${m.name}": one model_name, one model`, { parameter: `commands[${i}].model` });
    }
    pending.set(m.name, m);
  }
  return { plan, order, seeds, inline, pending };
}

export async function submitDataset(deps: SubmitDeps, request: DatasetRequest): Promise<DatasetAnswer> {
  const { entries, caller } = request;
  assertDependencies(deps.readModel, request.after);
  const { plan, order, seeds, inline, pending } = await datasetModels(deps, entries, caller);
  const isParent = new Set(plan.flatMap((p) => p.parents));
  const uuids = new Map<number, string>();
  const prepared: Array<PreparedCommand & { index: number }> = [];
  // Checked parents first, so each child knows its parents' uuids; nothing is recorded yet.
  for (const i of order) {
    const e = entries[i]!;
    const model = e.model.kind === 'inline'
      ? { kind: 'upload' as const, param: `commands[${i}].model`, text: JSON.stringify(inline[i]) }
      : { kind: 'reference' as const, param: `commands[${i}].model_name`, ref: e.model.name };
    const p = await forEntry(i, e.name, () => prepareCommand(deps, {
      ...e.command, ...(e.command.seed !== undefined || isParent.has(i) ? { seed: seeds[i]! } : {}), model, caller, pendingModels: pending,
      ...(request.after.length ? { after: request.after } : {}),
      afterSiblings: plan[i]!.parents.map((k) => uuids.get(k)!),
    }));
    uuids.set(i, p.commandUuid);
    prepared.push({ ...p, index: i });
  }
  assertDistinctTargets(prepared, entries);
  for (const p of prepared) await forEntry(p.index, entries[p.index]!.name, async () => deps.claims.check(p.targets));
  for (const p of prepared) await forEntry(p.index, entries[p.index]!.name, () => p.record());
  const warnings = Object.fromEntries(prepared.filter((p) => p.warnings.length).map((p) => [entries[p.index]!.name, p.warnings]));
  return {
    commands: Object.fromEntries(entries.map((e, i) => [e.name, uuids.get(i)!])),
    order: order.map((i) => entries[i]!.name),
    ...(Object.keys(warnings).length ? { warnings } : {}),
  };
}
