/** How many faults of each kind a generation injected: what the batch reports and the command's view sums. */
export const FAULT_KINDS = ['null', 'empty', 'malformed', 'late', 'duplicate', 'nearDuplicate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultCounts = Record<FaultKind, number>;

export function emptyFaultCounts(): FaultCounts {
  return { null: 0, empty: 0, malformed: 0, late: 0, duplicate: 0, nearDuplicate: 0 };
}

/** `into` plus `more` (a missing kind counts 0), as a new object. */
export function addFaultCounts(into: Partial<FaultCounts> | undefined, more: Partial<FaultCounts>): FaultCounts {
  const out = emptyFaultCounts();
  for (const k of FAULT_KINDS) out[k] = (into?.[k] ?? 0) + (more[k] ?? 0);
  return out;
}

export function anyFaults(counts: FaultCounts): boolean {
  return FAULT_KINDS.some((k) => counts[k] > 0);
}
