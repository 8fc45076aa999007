/**
 * The 400 a sink with key columns gives a model whose faults would break its key (src/model/faults/key-faults.ts):
 * a SQL table refuses a repeated or null key, an upsert (Kudu, HBase) keeps one row per key so the duplicates would
 * not be there to find. Decided at submission, like the sink's other settings.
 */
import { BadRequestError } from '../errors.js';
import { keyFault } from '../model/faults/key-faults.js';
import type { SinkContext } from './types.js';

/** `setting`: the Options key naming the key columns; `effect`: what the sink would do with such rows. */
export function refuseKeyFaults(ctx: SinkContext, keys: readonly string[], setting: string, effect: string): void {
  const fault = keyFault(ctx.model, keys);
  if (fault) throw new BadRequestError(`${fault.path}: ${fault.why} (Options.${setting}: ${keys.join(', ')}), ${effect}: drop the fault or the key`, { field: fault.path });
}
