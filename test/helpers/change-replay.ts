/**
 * Replays a change stream into the table it describes, checking each event against the table as it goes: a create
 * for a key not present, an update or delete whose before image is the key's current row. Throws on a mismatch.
 */
export interface ChangeEvent<V> {
  key: string;
  op: string;
  before: Record<string, V> | null;
  after: Record<string, V> | null;
}

export function replay<V>(events: Iterable<ChangeEvent<V>>, same: (a: unknown, b: unknown) => boolean = (a, b) => text(a) === text(b)): Map<string, Record<string, V>> {
  const table = new Map<string, Record<string, V>>();
  let n = 0;
  for (const e of events) {
    const current = table.get(e.key);
    if (e.op === 'c') {
      if (current) throw new Error(`event ${n}: create of key ${e.key}, which exists`);
      if (e.before !== null || !e.after) throw new Error(`event ${n}: a create has no before and an after`);
    } else if (e.op === 'u' || e.op === 'd') {
      if (!current) throw new Error(`event ${n}: ${e.op} of key ${e.key}, which does not exist`);
      if (!same(e.before, current)) throw new Error(`event ${n}: before image of key ${e.key} is not its current row: ${text(e.before)} vs ${text(current)}`);
      if ((e.op === 'd') !== (e.after === null)) throw new Error(`event ${n}: ${e.op} with after ${text(e.after)}`);
    } else throw new Error(`event ${n}: unknown op ${e.op}`);
    if (e.after) table.set(e.key, e.after);
    else table.delete(e.key);
    n++;
  }
  return table;
}

function text(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));
}
