/** RFC 4180 CSV with an optional header line. */
import type { Value } from '../../model/types.js';
import { lineFileSink } from './line-file-sink.js';
import { jsonValue } from './json.js';

function cell(v: Value): string {
  const s = v === null ? '' : String(jsonValue(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvSink = lineFileSink('csv', {
  ext: 'csv',
  header: (ctx) => (ctx.model.options.CSV_HEADER === 'false' ? '' : ctx.columns.map((c) => cell(c.name)).join(',') + '\r\n'),
  encode(rows, ctx) {
    const names = ctx.columns.map((c) => c.name);
    let out = '';
    for (const row of rows) out += names.map((n) => cell(row[n] ?? null)).join(',') + '\r\n';
    return out;
  },
});
