/** One measured figure; every bench module returns a list of these. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}
