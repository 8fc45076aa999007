/**
 * Injects a model's faults into a chunk of clean rows, in place, after they were generated: formulas and
 * conditionals saw the clean values, and every decision comes from the fault stream (cell-hash.ts), so a row's
 * faults are a pure function of (model, seed, row index) and a clean cell is the value it would be without faults.
 * Duplicates re-emit an earlier row of the same chunk (rows are a pure function of their index, so it is the row
 * recomputed) and replace the row at their position: the row count stays, nothing is buffered beyond the chunk.
 */
import type { Row } from '../types.js';
import { draw, rowKey } from './cell-hash.js';
import type { FaultCounts } from './counts.js';
import type { FieldFaults, LateBy, ModelFaults } from './fault-spec.js';
import { malformed } from './malform.js';
import { nearValue } from './near-duplicate.js';
import { emptyFits, fittingKinds, type MalformedKind, type ValueKind } from './value-kinds.js';

const ROW = -1;
const SALT = { cell: 1, kind: 2, value: 3, late: 4, delay: 5, dup: 6, source: 7, near: 8 } as const;

export interface InjectOptions {
  seed: number;
  /** The output stores typed columns: no wrong-type values (value-kinds.ts). */
  typed: boolean;
  /** Counts the faults of rows from this index of the chunk on (rows before it are dropped by the caller). */
  countFrom: number;
  counts?: FaultCounts;
}

export type Injector = (rows: Row[], firstRow: number, o: InjectOptions) => void;

function delay(by: LateBy, u: number): number {
  if (by.distribution === 'fixed') return by.ms;
  if (by.distribution === 'uniform') return Math.round(by.minMs + u * (by.maxMs - by.minMs));
  return Math.round(-by.meanMs * Math.log(1 - u));
}

type CellFault = 'null' | 'empty' | 'malformed' | 'late' | undefined;

/** One cell's fault, applied to the row; returns what it was. `empty`: the output can hold an empty value of it. */
function faultCell(row: Row, f: FieldFaults, kinds: readonly MalformedKind[], empty: boolean, key: number): CellFault {
  const u = draw(key, f.index, SALT.cell);
  if (u < f.nullRate) {
    row[f.name] = null;
    return 'null';
  }
  if (u < f.nullRate + f.emptyRate) {
    if (!empty) return undefined;
    row[f.name] = '';
    return 'empty';
  }
  const v = row[f.name];
  if (u < f.nullRate + f.emptyRate + f.malformedRate) {
    if (!kinds.length || v === null) return undefined;
    const kind = kinds[Math.floor(draw(key, f.index, SALT.kind) * kinds.length)]!;
    row[f.name] = malformed(v, kind, f, draw(key, f.index, SALT.value));
    return 'malformed';
  }
  if (f.lateRate === 0 || draw(key, f.index, SALT.late) >= f.lateRate) return undefined;
  const d = delay(f.lateBy, draw(key, f.index, SALT.delay));
  if (typeof v === 'number') row[f.name] = v - d;
  else if (v instanceof Date) row[f.name] = new Date(v.getTime() - d);
  else return undefined;
  return 'late';
}

/** Changes one of `names` of a copied row, from the one `u` picks on, skipping nulls; false when all are null. */
function nearChange(copy: Row, names: string[], kinds: ValueKind[], u: number): boolean {
  const first = Math.floor(u * names.length);
  for (let k = 0; k < names.length; k++) {
    const at = (first + k) % names.length;
    const name = names[at]!;
    const v = copy[name];
    if (v === null || v === undefined) continue;
    copy[name] = nearValue(v, (u * names.length) % 1, kinds[at]!);
    return true;
  }
  return false;
}

export function faultInjector(faults: ModelFaults): Injector {
  const { fields, duplicateRate, nearDuplicateRate, nearFields, nearKinds } = faults;
  const kindsFor = (typed: boolean) => fields.map((f) => f.malformed.filter((k) => fittingKinds(f.kind, typed).includes(k)));
  const kinds = { typed: kindsFor(true), text: kindsFor(false) };
  const empties = { typed: fields.map((f) => emptyFits(f.kind, true)), text: fields.map((f) => emptyFits(f.kind, false)) };
  const dupAny = duplicateRate + nearDuplicateRate;
  return (rows, firstRow, o) => {
    const fieldKinds = o.typed ? kinds.typed : kinds.text;
    const fieldEmpties = o.typed ? empties.typed : empties.text;
    const counts = o.counts;
    for (let r = 0; r < rows.length; r++) {
      const key = rowKey(o.seed, firstRow + r);
      const counted = counts !== undefined && r >= o.countFrom;
      // The chunk's first row has no earlier row to repeat.
      const d = dupAny > 0 && r > 0 ? draw(key, ROW, SALT.dup) : 1;
      if (d < dupAny) {
        const copy = { ...rows[Math.floor(draw(key, ROW, SALT.source) * r)]! };
        const changed = d >= duplicateRate && nearChange(copy, nearFields, nearKinds, draw(key, ROW, SALT.near));
        if (counted) counts[changed ? 'nearDuplicate' : 'duplicate']++;
        rows[r] = copy;
        continue;
      }
      const row = rows[r]!;
      for (let k = 0; k < fields.length; k++) {
        const fault = faultCell(row, fields[k]!, fieldKinds[k]!, fieldEmpties[k]!, key);
        if (fault && counted) counts[fault]++;
      }
    }
  };
}
