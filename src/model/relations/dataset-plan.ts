/**
 * A dataset's models that reference each other (pure): which entries a foreign key names (by entry name or by
 * the entry's model_name), the order they are submitted in (parents first), and the references of an uploaded
 * model completed from the parent entry (its model_name, seed, rows and batches), so keys agree by construction.
 * docs/related-models.md describes the dataset route.
 */
import { BadRequestError } from '../../errors.js';

/** What the plan needs of an entry. */
export interface PlanEntry {
  name: string;
  modelName: string;
  seed: number;
  rows: number;
  batches: number;
  /** Each field's `references` as written (undefined: none), by field index. */
  references: ReadonlyArray<unknown>;
  /** An uploaded model's references are completed; a stored model's are checked as they are (batches default 1). */
  completable: boolean;
}

export interface PlannedEntry {
  /** The entries (indices) it references, each once. */
  parents: number[];
  /** Field index → its `references` completed from the parent entry (uploaded models only use them). */
  completed: Map<number, Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry a reference names: its entry name first, else the only entry of that model_name. */
function namedEntry(entries: readonly PlanEntry[], model: string, where: string): number | undefined {
  const byName = entries.findIndex((e) => e.name === model);
  if (byName >= 0) return byName;
  const byModel = entries.flatMap((e, i) => (e.modelName === model ? [i] : []));
  if (byModel.length > 1) {
    throw new BadRequestError(`${where}: model "${model}" is that of entries ${byModel.map((i) => `"${entries[i]!.name}"`).join(' and ')}: name the entry instead`, { parameter: where });
  }
  return byModel[0];
}

/** The reference with the parent entry's generation; a stated seed, rows or batches must be the entry's. */
function completeReference(ref: Record<string, unknown>, parent: PlanEntry, parentIndex: number, where: string, completable: boolean): Record<string, unknown> {
  const own = { seed: parent.seed, rows: parent.rows, batches: parent.batches };
  for (const key of ['seed', 'rows', 'batches'] as const) {
    const stated = ref[key] ?? (key === 'batches' && !completable ? 1 : undefined);
    if (stated === undefined || Number(stated) === own[key]) continue;
    throw new BadRequestError(
      `${where}.${key}: entry "${parent.name}" (commands[${parentIndex}]) generates ${key} ${own[key]}, not ${JSON.stringify(stated)}: leave it out, or give commands[${parentIndex}].${key}`,
      { parameter: `${where}.${key}`, value: String(stated) },
    );
  }
  return { ...ref, model: parent.modelName, ...own };
}

/** Every entry's parents among the entries and its completed references. */
export function planDataset(entries: readonly PlanEntry[]): PlannedEntry[] {
  return entries.map((entry, i) => {
    const parents = new Set<number>();
    const completed = new Map<number, Record<string, unknown>>();
    entry.references.forEach((ref, j) => {
      if (!isObject(ref) || typeof ref.model !== 'string') return; // not a dataset reference: the model's own checks report it
      const where = `commands[${i}].model.Fields[${j}].references`;
      const p = namedEntry(entries, ref.model.trim(), `${where}.model`);
      if (p === undefined) return; // a stored model or model file, resolved as for any command
      if (p === i) throw new BadRequestError(`${where}.model: entry "${entry.name}" references itself`, { parameter: `${where}.model` });
      parents.add(p);
      completed.set(j, completeReference(ref, entries[p]!, p, where, entry.completable));
    });
    return { parents: [...parents], completed };
  });
}

/** Parents before children (entries otherwise in the order given); a cycle is a 400 naming it. */
export function submissionOrder(entries: readonly PlanEntry[], plan: readonly PlannedEntry[]): number[] {
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number, chain: number[]): void => {
    if (state.get(i) === 'done') return;
    if (state.get(i) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(i)), i].map((k) => entries[k]!.name);
      throw new BadRequestError(`commands[${i}]: the dataset's entries reference each other in a cycle: ${cycle.join(' → ')}`, { parameter: `commands[${i}].model` });
    }
    state.set(i, 'visiting');
    for (const p of plan[i]!.parents) visit(p, [...chain, i]);
    state.set(i, 'done');
    order.push(i);
  };
  entries.forEach((_, i) => visit(i, []));
  return order;
}
