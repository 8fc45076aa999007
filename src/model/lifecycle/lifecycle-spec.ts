/**
 * The spec of a model's "Lifecycle" section: keyed entities created, updated and deleted step by step, written as a
 * change stream (Debezium envelopes) or as the latest state per entity. JSON only, so it travels with the model
 * (read-lifecycle.ts reads it from the model's JSON).
 */

export const LIFECYCLE_OUTPUTS = ['change_stream', 'latest_state'] as const;
export type LifecycleOutput = (typeof LIFECYCLE_OUTPUTS)[number];
export const LIFECYCLE_TIMES = ['simulated', 'real'] as const;

/** Entity numbers times a step's multiplier stay below 2^53 (schedule.ts multiplies them exactly). */
export const MAX_ENTITIES = 2 ** 26;

/** How one field changes when its entity is updated. */
export interface FieldChange {
  field: string;
  /** Chance the field changes at an update (1: every update). */
  probability: number;
  /** Numbers: the value walks by this standard deviation per step instead of being generated anew. */
  drift?: number;
}

export interface LifecycleSpec {
  key: string;
  entities: number;
  /** Share of the entities touched (updated, deleted or created again) at each step after the first. */
  updateProbability: number;
  /** Chance a touch deletes its entity (never two in a row: a deleted entity's next touch creates it again). */
  deleteProbability: number;
  changes: FieldChange[];
  /** Simulated time of a step (ms): event times spread over it. */
  stepMs: number;
  /** `real`: an event's ts_ms is the wall clock when it is generated. */
  time: (typeof LIFECYCLE_TIMES)[number];
  output: LifecycleOutput;
  /** latest_state: the state after this many steps after the creations. */
  steps: number;
  /** Kafka: a record with a null value after each delete, so compaction drops the key. */
  tombstones: boolean;
}

/** The spec back in the model's own format (a stored model shown as written; read-lifecycle.ts reads it again). */
export function lifecycleJson(spec: LifecycleSpec): Record<string, unknown> {
  const changes = Object.fromEntries(spec.changes.map((c) => [c.field, c.drift === undefined && c.probability === 1 ? 'regenerate' : { ...(c.drift !== undefined ? { drift: c.drift } : {}), probability: c.probability }]));
  return {
    key: spec.key, entities: spec.entities, update_probability: spec.updateProbability, delete_probability: spec.deleteProbability, changes,
    step_ms: spec.stepMs, time: spec.time, output: spec.output, steps: spec.steps, tombstones: spec.tombstones,
  };
}
