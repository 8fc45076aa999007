/**
 * Faults a table's primary key refuses (pure): a duplicate or near duplicate repeats its row's key (a near duplicate
 * changes another column, or the key by one, onto another row's), a null key is no key, and a malformed key (cut
 * short, out of range) may be another row's. A sink with key columns refuses them at submission rather than failing
 * the batch on the first repeated key.
 */
import type { ModelDefinition } from '../types.js';

const ROW_FAULTS = ['DUPLICATE_RATE', 'NEAR_DUPLICATE_RATE'];
const CELL_FAULTS = ['null_rate', 'empty_rate', 'malformed_rate'];

const positive = (v: unknown) => v !== undefined && v !== null && Number(v) > 0;

/** The first fault of `model` that breaks a key of `keys` columns: the property's path and what it would do. */
export function keyFault(model: ModelDefinition, keys: readonly string[]): { path: string; why: string } | undefined {
  if (!keys.length) return undefined;
  const option = ROW_FAULTS.find((o) => positive(model.options[o]));
  if (option) return { path: `Options.${option}`, why: 'a duplicate row repeats its primary key' };
  for (const [i, f] of model.fields.entries()) {
    if (!keys.includes(f.name)) continue;
    const prop = CELL_FAULTS.find((p) => positive(f.props[p]));
    if (prop) return { path: `Fields[${i}].${prop}`, why: `"${f.name}" is a primary key column: ${prop === 'malformed_rate' ? 'a malformed key may repeat another row\'s' : 'a key cannot be null or empty'}` };
  }
  return undefined;
}
