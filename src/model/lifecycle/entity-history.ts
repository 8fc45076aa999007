/**
 * An entity's versions as pure functions of (seed, entity, step): whether a touch creates, updates or deletes it,
 * and its fields after a touch. Fields not listed in `changes` keep the values of the entity's first version; a
 * regenerated field has the values of the base model's row for the touch where it last changed; a drifting number
 * is its first value plus drift × a random walk (drift-walk.ts) at that touch. So the "before" image of an update is
 * recomputed from the previous touch rather than read from a table of current states.
 */
import type { FieldType, Row, RowGenerator, Value } from '../types.js';
import { draw, hash32, SALT } from './entity-hash.js';
import { entityKey } from './entity-key.js';
import { walkAt } from './drift-walk.js';
import type { LifecycleSpec } from './lifecycle-spec.js';
import type { Schedule } from './schedule.js';

export type Op = 'c' | 'u' | 'd';

/** Base rows kept for reuse between nearby events (a version's first row, the previous touch's row). */
const CACHED_ROWS = 1024;
const INT32_MAX = 2147483647;

export class EntityHistory {
  private readonly cache = new Map<string, Row>();
  private readonly types: Map<string, FieldType>;

  constructor(
    private readonly spec: LifecycleSpec,
    private readonly schedule: Schedule,
    private readonly base: RowGenerator,
    private readonly referenceTime: number,
  ) {
    this.types = new Map(base.columns.map((c) => [c.name, c.type]));
  }

  private get seed(): number {
    return this.schedule.seed;
  }

  /** What the touch of `step` does to entity e (the step must touch it). */
  op(entity: number, step: number): Op {
    if (step === 0) return 'c';
    if (this.deletes(entity, this.schedule.previousTouch(entity, step))) return 'c';
    return this.deletes(entity, step) ? 'd' : 'u';
  }

  /** The instant of the touch: its step's start plus its place's share of the step. */
  timeOf(entity: number, step: number): number {
    const place = this.schedule.placeIn(entity, step);
    return this.referenceTime + step * this.spec.stepMs + Math.floor((place * this.spec.stepMs) / this.schedule.eventsIn(step));
  }

  /** The entity's row after the touch of `step`, which left it in place (op c or u). */
  stateAt(entity: number, step: number): Row {
    const row: Row = { ...this.baseRow(entity, 0) };
    row[this.spec.key] = entityKey(this.types.get(this.spec.key)!, this.seed, entity);
    this.spec.changes.forEach((change, k) => {
      const at = this.lastChange(entity, step, k);
      if (change.drift === undefined) row[change.field] = at === 0 ? row[change.field]! : this.baseRow(entity, at)[change.field]!;
      else row[change.field] = drifted(this.types.get(change.field)!, row[change.field]!, change.drift * walkAt(this.seed, entity, k, at));
    });
    return row;
  }

  /** The last touch at or before `step` where change k applied: a touch that changed it, or the entity's creation. */
  private lastChange(entity: number, step: number, k: number): number {
    const p = this.spec.changes[k]!.probability;
    let s = step;
    while (s > 0) {
      if (p >= 1 || draw(this.seed, entity, s, SALT.change + k) < p) return s;
      if (this.op(entity, s) === 'c') return s;
      s = this.schedule.previousTouch(entity, s);
    }
    return 0;
  }

  /** A delete at a touch right after a delete would delete nothing: that touch creates the entity again. */
  private deletes(entity: number, step: number): boolean {
    if (!this.rawDelete(entity, step)) return false;
    return !this.rawDelete(entity, this.schedule.previousTouch(entity, step));
  }

  private rawDelete(entity: number, step: number): boolean {
    return step > 0 && this.spec.deleteProbability > 0 && draw(this.seed, entity, step, SALT.delete) < this.spec.deleteProbability;
  }

  /** The base model's row for (entity, step): its own seed, so any worker regenerates it. */
  private baseRow(entity: number, step: number): Row {
    const id = `${entity}:${step}`;
    let row = this.cache.get(id);
    if (!row) {
      const seed = (hash32(this.seed, entity, 0, SALT.entitySeedHigh) & 0x1fffff) * 4294967296 + hash32(this.seed, entity, 0, SALT.entitySeed);
      row = this.base.generate(seed, step, 1, { referenceTime: this.timeOf(entity, step) })[0]!;
      if (this.cache.size >= CACHED_ROWS) this.cache.clear();
      this.cache.set(id, row);
    }
    return row;
  }
}

/** A first value moved by `delta`, in the field's type (INTEGER stays a 32-bit integer, LONG a bigint). */
function drifted(type: FieldType, first: Value, delta: number): Value {
  if (first === null) return null;
  if (type === 'LONG') return (first as bigint) + BigInt(Math.round(delta));
  if (type === 'INTEGER') return Math.max(-INT32_MAX - 1, Math.min(INT32_MAX, Math.round((first as number) + delta)));
  return (first as number) + delta;
}
