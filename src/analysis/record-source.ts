/** What a source of existing data gives model analysis: its columns as declared (if it declares them) and its records. */
import type { FieldType } from '../model/types.js';

export interface DeclaredColumn {
  name: string;
  /** The field type the source's own type maps to (Parquet INT64 → LONG), a hint inference may follow. */
  type?: FieldType;
}

/** An opened source: its schema, once read, and its records (each column name → value). */
export interface Records {
  /** The columns in the source's order, when it declares a schema; otherwise the order records name them in. */
  columns?: DeclaredColumn[];
  records: AsyncIterable<Record<string, unknown>>;
}

export interface RecordSource {
  /** Where the data comes from, for the model's name (a file's base name, a table, a topic). */
  name: string;
  /** Opens the source for at most `limit` records; the caller stops iterating once it has them. */
  open(limit: number): Promise<Records>;
}
