/** Rows as text lines for a bulk load (COPY, LOAD DATA): one cell function per column, joined by commas, \n-terminated. */
import type { Column, Row, Value } from '../../model/types.js';

export type Cell = (v: Value | undefined) => string;

export function lineEncoder(columns: Column[], cellOf: (column: Column) => Cell): (rows: Row[]) => string {
  const names = columns.map((c) => c.name);
  const cells = columns.map(cellOf);
  return (rows) => {
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < names.length; i++) line += (i ? ',' : '') + cells[i]!(row[names[i]!]);
      out += line + '\n';
    }
    return out;
  };
}
