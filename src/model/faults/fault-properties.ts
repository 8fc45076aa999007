/** The names faults take in a model: field properties and Options keys (fault-spec.ts reads them). */
export const FAULT_PROPERTIES = ['null_rate', 'empty_rate', 'malformed_rate', 'malformed', 'late_rate', 'late_by'];
export const FAULT_OPTIONS = ['DUPLICATE_RATE', 'NEAR_DUPLICATE_RATE', 'NEAR_DUPLICATE_FIELDS'];
