/** Profiles of every column of at most `limit` records of a source, in the source's column order. */
import { addValue, emptyProfile, profilePrng, type ColumnProfile } from './column-profile.js';
import type { RecordSource } from './record-source.js';

export interface Profiles {
  columns: ColumnProfile[];
  records: number;
}

export async function profileRecords(source: RecordSource, limit: number): Promise<Profiles> {
  const opened = await source.open(limit);
  const byName = new Map<string, ColumnProfile>();
  for (const c of opened.columns ?? []) byName.set(c.name, emptyProfile(c.name, c.type));
  const rng = profilePrng();
  let records = 0;
  for await (const record of opened.records) {
    for (const [name, value] of Object.entries(record)) {
      let p = byName.get(name);
      // A column first seen now was null (absent) in every record before.
      if (!p) byName.set(name, (p = { ...emptyProfile(name), count: records, nulls: records }));
      addValue(p, value, rng);
    }
    records++;
    for (const p of byName.values()) if (p.count < records) addValue(p, null, rng);
    if (records >= limit) break;
  }
  return { columns: [...byName.values()], records };
}
