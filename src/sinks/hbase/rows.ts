/**
 * Rows → HBase puts. The row key is the key columns' text forms joined by the separator, or, without
 * HBASE_PRIMARY_KEY, "<commandUuid>-<batch>-<row>" (zero-padded): deterministic either way, so a redelivered batch
 * overwrites its own cells. Each non-null value is stored under family:column as HBASE_VALUE_ENCODING says
 * (cell-value.ts: typed bytes by default, as the original; or its text form).
 */
import type { Column, Row } from '../../model/types.js';
import { textForm } from '../kafka/text-form.js';
import type { PutRow } from './put-row.js';
import { cellEncoder } from './cell-value.js';
import type { HBaseSinkOptions } from './options.js';

export function rowKeyOf(opts: Pick<HBaseSinkOptions, 'keyColumns' | 'keySeparator'>, commandUuid: string, batch: number, index: number, row: Row): string {
  if (opts.keyColumns.length === 0) return `${commandUuid}-${String(batch).padStart(10, '0')}-${String(index).padStart(10, '0')}`;
  const parts = opts.keyColumns.map((c) => textForm(row[c]));
  if (parts.some((p) => p === null || p === '')) {
    throw new Error(`row ${index} of batch ${batch} has no value for a row key column (${opts.keyColumns.join(', ')})`);
  }
  return parts.join(opts.keySeparator);
}

/** `firstRow`: the index in its batch of rows[0] (a chunk's rows continue the batch's numbering). */
export function putRows(opts: HBaseSinkOptions, columns: Column[], commandUuid: string, batch: number, rows: Row[], firstRow = 0): PutRow[] {
  const targets = columns.map((c) => ({ name: c.name, column: `${opts.familyOf.get(c.name)}:${c.name}`, encode: cellEncoder(opts.valueEncoding, c.type) }));
  return rows.map((row, i) => {
    const cells: PutRow['cells'] = [];
    for (const t of targets) {
      const value = t.encode(row[t.name]);
      if (value !== null) cells.push([t.column, value]);
    }
    return { key: rowKeyOf(opts, commandUuid, batch, firstRow + i, row), cells };
  });
}
