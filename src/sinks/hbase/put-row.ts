/** One row of a multi-row put: what the sink builds (rows.ts), the CellSet encodes and the client sends. */
import type { CellValue } from './cell-value.js';

export interface PutRow {
  key: string;
  /** "family:qualifier" → value (text is sent as UTF-8). */
  cells: [column: string, value: CellValue][];
}
