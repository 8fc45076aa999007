/**
 * A lifecycle model's generator: the base model (its fields, without the Lifecycle section) generates each
 * version's values; this turns rows of a batch into events of the stream (row j of the command is event j) or into
 * the latest state (row e is entity e after `steps` steps). Rows are computed one by one from (seed, row index),
 * a chunk at a time, so no batch or table of states is ever held.
 */
import { ModelError } from '../../errors.js';
import type { GenerateOptions, Row, RowGenerator, RowRange } from '../types.js';
import { AFTER, BEFORE, lifecycleColumns } from './change-columns.js';
import { EntityHistory } from './entity-history.js';
import { entityKey } from './entity-key.js';
import type { LifecycleSpec } from './lifecycle-spec.js';
import { Schedule } from './schedule.js';

const CHUNK_ROWS = 4096;

export function lifecycleGenerator(spec: LifecycleSpec, base: RowGenerator): RowGenerator {
  if (base.llmColumns) throw new ModelError('LLM fields cannot be part of a lifecycle model (an entity\'s versions are recomputed)', 'Lifecycle');
  const entityColumns = base.columns;
  const keyType = entityColumns.find((c) => c.name === spec.key)!.type;
  const chunkRows = Math.min(CHUNK_ROWS, base.chunkRows);
  let schedule: Schedule | undefined;
  const scheduleFor = (seed: number) => (schedule?.seed === seed ? schedule : (schedule = new Schedule(seed, spec.entities, spec.updateProbability)));

  function image(history: EntityHistory, entity: number, step: number, prefix: string, row: Row): void {
    const state = history.stateAt(entity, step);
    for (const c of entityColumns) row[prefix + c.name] = state[c.name]!;
  }

  function changeRow(s: Schedule, history: EntityHistory, event: number): Row {
    const { step, place } = s.placeOf(event);
    const entity = s.entityAt(step, place);
    const op = history.op(entity, step);
    const row: Row = { [spec.key]: entityKey(keyType, s.seed, entity), op, ts_ms: spec.time === 'real' ? Date.now() : history.timeOf(entity, step), seq: BigInt(event) };
    for (const c of entityColumns) row[BEFORE + c.name] = null;
    for (const c of entityColumns) row[AFTER + c.name] = null;
    if (op !== 'c') image(history, entity, s.previousTouch(entity, step), BEFORE, row);
    if (op !== 'd') image(history, entity, step, AFTER, row);
    return row;
  }

  /** Entity e after the last touch up to `steps`; undefined when that touch deleted it. */
  function latestRow(s: Schedule, history: EntityHistory, entity: number): Row | undefined {
    const last = s.touches(entity, spec.steps) ? spec.steps : s.previousTouch(entity, spec.steps);
    return history.op(entity, last) === 'd' ? undefined : history.stateAt(entity, last);
  }

  function* chunks(seed: number, batch: number, rowsPerBatch: number, range: RowRange, options?: GenerateOptions): Generator<Row[]> {
    const s = scheduleFor(seed);
    const history = new EntityHistory(spec, s, base, options?.referenceTime ?? Date.now());
    const end = Math.min(rowsPerBatch, range.firstRow + range.rows);
    const first = batch * rowsPerBatch;
    for (let from = range.firstRow; from < end; from += chunkRows) {
      const to = Math.min(end, from + chunkRows);
      const rows: Row[] = [];
      for (let r = from; r < to; r++) {
        if (spec.output === 'change_stream') rows.push(changeRow(s, history, first + r));
        else if (first + r < spec.entities) {
          const row = latestRow(s, history, first + r);
          if (row) rows.push(row);
        }
      }
      if (rows.length) yield rows;
    }
  }

  return {
    columns: lifecycleColumns(spec, entityColumns),
    chunkRows,
    chunks,
    generate(seed, batch, rows, options) {
      const out: Row[] = [];
      for (const chunk of chunks(seed, batch, rows, { firstRow: 0, rows }, options)) for (const row of chunk) out.push(row);
      return out;
    },
    dispose: () => base.dispose?.(),
  };
}
