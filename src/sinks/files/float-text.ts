/**
 * A FLOAT value as text that every reader takes for a floating-point number: integral values get ".0"
 * (5 → "5.0", 4598374331607392000 → "4598374331607392000.0"), so JSON and CSV type inference (pyarrow, DuckDB,
 * Python's json) never turns a FLOAT column into an integer column, nor overflows int64 on large values.
 * Callers handle non-finite values (they have no JSON or CSV number form).
 */
export function floatText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? `${n}.0` : String(n);
}
