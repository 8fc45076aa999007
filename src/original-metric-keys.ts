/**
 * The original's /api/v1/metrics/all keys (its MetricsService), from the event-derived totals: ALL_ROWS_GENERATED,
 * GENERATIONS_MADE, <SINK>_FILES_GENERATED and <SINK>_ROWS_GENERATED for every file sink (CSV_…, HDFS_PARQUET_…),
 * <SINK>_ROWS_GENERATED for the others, every key present (0 when nothing was written), as the original listed one
 * key per sink. Counted correctly where the original was not: a multipleconnectors command's rows count once in
 * ALL_ROWS_GENERATED and once per sink in that sink's keys, its command once in GENERATIONS_MADE; the files
 * counters count files (batches written), the rows counters rows.
 */

export interface OriginalMetricTotals {
  /** Rows generated, once per row whatever the number of sinks. */
  allRows: number;
  /** Commands FINISHED. */
  generations: number;
  rowsBySink: Record<string, number>;
  /** Files written (one per batch) by file sink. */
  filesBySink: Record<string, number>;
}

export function originalMetricKeys(totals: OriginalMetricTotals, services: { fileSinks: string[]; otherSinks: string[] }): Record<string, number> {
  const keys: Record<string, number> = { ALL_ROWS_GENERATED: totals.allRows, GENERATIONS_MADE: totals.generations };
  const key = (service: string) => service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  for (const s of services.fileSinks) {
    keys[`${key(s)}_FILES_GENERATED`] = totals.filesBySink[s] ?? 0;
    keys[`${key(s)}_ROWS_GENERATED`] = totals.rowsBySink[s] ?? 0;
  }
  for (const s of services.otherSinks) keys[`${key(s)}_ROWS_GENERATED`] = totals.rowsBySink[s] ?? 0;
  return keys;
}
