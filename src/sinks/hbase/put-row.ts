/** One row of a multi-row put: what the sink builds (rows.ts), the CellSet encodes and the client sends. */
export interface PutRow {
  key: string;
  /** "family:qualifier" → text value. */
  cells: [column: string, value: string][];
}
