/** JSON Lines: one object per row with typed values. */
import type { Value } from '../../model/types.js';
import { lineFileSink } from './line-file-sink.js';

export function jsonValue(v: Value): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex').toUpperCase();
  return v;
}

export const jsonSink = lineFileSink('json', {
  ext: 'json',
  header: () => '',
  encode(rows) {
    let out = '';
    for (const row of rows) out += JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? jsonValue(v) : v)) + '\n';
    return out;
  },
});
