/**
 * The columns a lifecycle model writes. latest_state: the model's own. change_stream: one flat row per event, so
 * every sink writes it with its usual types — the key, op (c, u, d), ts_ms, seq (the event's place in the stream),
 * then before_<field> and after_<field> for every output field (null where the image is absent). The Kafka sink
 * nests them into the Debezium envelope (src/sinks/kafka/debezium-envelope.ts).
 */
import { ModelError } from '../../errors.js';
import type { Column } from '../types.js';
import type { LifecycleSpec } from './lifecycle-spec.js';

export const BEFORE = 'before_';
export const AFTER = 'after_';

export function changeColumns(spec: LifecycleSpec, entityColumns: Column[]): Column[] {
  const key = entityColumns.find((c) => c.name === spec.key)!;
  return [
    key,
    { name: 'op', type: 'STRING' },
    { name: 'ts_ms', type: 'TIMESTAMP' },
    { name: 'seq', type: 'LONG' },
    ...entityColumns.map((c) => ({ name: BEFORE + c.name, type: c.type })),
    ...entityColumns.map((c) => ({ name: AFTER + c.name, type: c.type })),
  ];
}

export function lifecycleColumns(spec: LifecycleSpec, entityColumns: Column[]): Column[] {
  return spec.output === 'latest_state' ? entityColumns : changeColumns(spec, entityColumns);
}

/** A change stream's column names must not collide (a field named "op" or "before_x" beside "x"). */
export function checkChangeColumns(spec: LifecycleSpec, entityColumns: Column[]): void {
  if (spec.output !== 'change_stream') return;
  const seen = new Set<string>();
  for (const c of changeColumns(spec, entityColumns)) {
    if (seen.has(c.name)) throw new ModelError(`a change stream writes the column "${c.name}" twice; rename the field that makes it`, 'Lifecycle.output');
    seen.add(c.name);
  }
}
