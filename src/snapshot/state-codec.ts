/**
 * Folds' states to JSON-ready values and back: Maps and Sets as tagged entry lists, XState snapshots as their
 * machine's id, state value and context (contexts are JSON-only by the machines' design), restored through
 * `machine.resolveState`. Generic, so a fold that gains a Map or another machine's snapshot stays encodable.
 */
import type { AnyStateMachine } from 'xstate';

type Tagged = { $map: Array<[unknown, unknown]> } | { $set: unknown[] } | { $machine: string; value: unknown; context: unknown };

interface MachineSnapshotLike {
  machine: AnyStateMachine;
  value: unknown;
  context: unknown;
}

function isMachineSnapshot(v: object): v is MachineSnapshotLike {
  const m = (v as { machine?: { id?: unknown; resolveState?: unknown } }).machine;
  return !!m && typeof m.id === 'string' && typeof m.resolveState === 'function' && 'value' in v && 'context' in v;
}

export function encodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeState(k), encodeState(v)]) } satisfies Tagged;
  if (value instanceof Set) return { $set: [...value].map(encodeState) } satisfies Tagged;
  if (Array.isArray(value)) return value.map(encodeState);
  if (isMachineSnapshot(value)) return { $machine: value.machine.id, value: value.value, context: encodeState(value.context) } satisfies Tagged;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeState(v)]));
}

/** `machines`: by id, every machine whose snapshots the state may hold. Throws on an unknown machine. */
export function decodeState(value: unknown, machines: Record<string, AnyStateMachine>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeState(v, machines));
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.$map)) return new Map((o.$map as Array<[unknown, unknown]>).map(([k, v]) => [decodeState(k, machines), decodeState(v, machines)]));
  if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map((v) => decodeState(v, machines)));
  if (typeof o.$machine === 'string') {
    const machine = machines[o.$machine];
    if (!machine) throw new Error(`snapshot of unknown machine "${o.$machine}"`);
    return machine.resolveState({ value: o.value as never, context: decodeState(o.context, machines) as never });
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeState(v, machines)]));
}
