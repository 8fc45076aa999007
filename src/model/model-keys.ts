/**
 * The keys a model may have in Table_Names and Options, with the value kind of each option: those every sink
 * declares it reads (src/sink-keys/, one list per sink; the original's keys, spec §4.6–4.7, among them)
 * and the generation's own. Unknown keys are reported as warnings, not errors: the original rejected the whole
 * model (defect 15). A value of the wrong kind for a known option is an error.
 */
import { SINK_MODEL_KEYS } from '../sink-keys/index.js';
import type { OptionKind } from '../sink-keys/option-kind.js';

export type { OptionKind };

/** Options read by the generation itself, not by a sink. */
const GENERATION_OPTIONS: Record<string, OptionKind> = {
  TIMESTAMP_STEP_MS: 'int',
  // Rates are checked with the model's faults (faults/fault-spec.ts).
  DUPLICATE_RATE: 'text', NEAR_DUPLICATE_RATE: 'text', NEAR_DUPLICATE_FIELDS: 'columns',
};

export const TABLE_NAME_KEYS: readonly string[] = [...new Set(SINK_MODEL_KEYS.flatMap((k) => k.tableNames))];

export const OPTION_KINDS: Readonly<Record<string, OptionKind>> = Object.assign({}, ...SINK_MODEL_KEYS.map((k) => k.options), GENERATION_OPTIONS);

export const OPTION_KEYS: readonly string[] = Object.keys(OPTION_KINDS);

/** Why `value` does not fit `kind`, or undefined when it does. */
export function optionValueProblem(kind: OptionKind, value: string): string | undefined {
  if (kind === 'bool') return /^(true|false)$/i.test(value.trim()) ? undefined : `must be true or false, got "${value}"`;
  if (kind === 'int') return /^-?\d+$/.test(value.trim()) ? undefined : `must be an integer, got "${value}"`;
  if (typeof kind === 'object') {
    return kind.oneOf.includes(value.trim().toUpperCase()) ? undefined : `must be one of ${kind.oneOf.join(', ')}, got "${value}"`;
  }
  return undefined;
}
