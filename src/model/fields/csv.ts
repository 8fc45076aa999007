/** CSV: a uniform row of a file, among the rows matching every `col=value` filter (case-insensitive). */
import { ModelError } from '../../errors.js';
import type { CsvTable } from '../csv-source.js';
import type { FieldSpec } from '../field-spec.js';
import { didYouMean } from '../suggest.js';
import { excerpt, listExcerpt } from '../text-excerpt.js';
import type { FieldGen } from './runtime.js';

function columnIndex(table: CsvTable, column: string, where: string): number {
  const i = table.header.indexOf(column);
  // The header is file content: quoted only as a short, printable excerpt.
  if (i < 0) throw new ModelError(`the file has no column "${excerpt(column)}" (columns: ${listExcerpt(table.header)})${excerpt(didYouMean(column, table.header), 100)}`, where);
  return i;
}

export function csvGenerator(spec: FieldSpec, table: CsvTable): FieldGen {
  const main = columnIndex(table, spec.csvField!, `${spec.path}.field`);
  const filters = (spec.csvFilters ?? []).map((f, k) => ({ i: columnIndex(table, f.column, `${spec.path}.filters[${k}]`), value: f.value.toLowerCase() }));
  const rows = table.rows.filter((r) => filters.every((f) => (r[f.i] ?? '').toLowerCase() === f.value));
  if (rows.length === 0) throw new ModelError(`no row of "${spec.file}" matches the filters`, `${spec.path}.filters`);
  const index = spec.index;
  return (st) => {
    const r = rows[(st.rng.next() * rows.length) | 0];
    st.recs[index] = r;
    return r[main] ?? '';
  };
}

/** A CSV column's position for links ("$field.column"). */
export function csvColumn(table: CsvTable, column: string, where: string): number {
  return columnIndex(table, column, where);
}
