/**
 * Prometheus metrics, derived from the events stream (so every API process reports the whole deployment's
 * totals, and they survive restarts): rows and batches per sink, commands by status, batch durations.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STATUSES } from '../machines/command.machine.js';
import { contextOf, type CommandSnapshot } from './command/fold.js';
import type { StoredEvent } from './events/types.js';
import { counterTotals, histogramTotals, restoreCounter, restoreHistogram, type CounterTotals, type HistogramTotals } from './metric-totals.js';
import { originalMetricKeys } from './original-metric-keys.js';
import type { SnapshotPart } from './projection/projector.js';
import type { ReadModel } from './projection/read-model.js';
import type { ServiceKinds } from './sinks/service-kinds.js';

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly rows: Counter<'sink'>;
  private readonly allRows: Counter;
  private readonly files: Counter<'sink'>;
  private readonly batches: Counter<'sink' | 'outcome'>;
  private readonly batchDuration: Histogram<'sink'>;

  constructor(
    private readonly readModel: ReadModel,
    private readonly services: ServiceKinds,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'datagen_process_' });
    this.rows = new Counter({ name: 'datagen_rows_generated_total', help: 'Rows generated and written, by sink', labelNames: ['sink'], registers });
    this.allRows = new Counter({ name: 'datagen_rows_total', help: 'Rows generated, once per row whatever the number of sinks it went to', registers });
    this.files = new Counter({ name: 'datagen_files_written_total', help: 'Files written (one per batch), by file sink', labelNames: ['sink'], registers });
    this.batches = new Counter({ name: 'datagen_batches_total', help: 'Batch attempts by sink and outcome (completed, failed)', labelNames: ['sink', 'outcome'], registers });
    this.batchDuration = new Histogram({
      name: 'datagen_batch_duration_seconds',
      help: 'Time to generate and write one batch',
      labelNames: ['sink'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    new Gauge({
      name: 'datagen_commands',
      help: 'Commands by status',
      labelNames: ['status'],
      registers,
      collect() {
        const counts = readModel.countsByStatus();
        for (const s of STATUSES) this.set({ status: s }, counts[s]);
      },
    });
    readModel.onEvent((e, s) => this.observe(e, s));
  }

  private observe(event: StoredEvent, snapshot: CommandSnapshot | undefined): void {
    if (!snapshot) return;
    const sink = contextOf(snapshot).service;
    if (event.type === 'batch-completed') {
      // A multipleconnectors batch's rows count for each sink that got them; its batches count once, under the service.
      const fileSinks = new Set(this.services.fileSinks);
      for (const s of event.data.sinks ?? [{ service: sink, rows: event.data.rows }]) {
        this.rows.inc({ sink: s.service }, s.rows);
        if (fileSinks.has(s.service)) this.files.inc({ sink: s.service });
      }
      this.allRows.inc(event.data.rows);
      this.batches.inc({ sink, outcome: 'completed' });
      this.batchDuration.observe({ sink }, event.data.durationMs / 1000);
    } else if (event.type === 'batch-failed') {
      this.batches.inc({ sink, outcome: 'failed' });
    }
  }

  /** The event-derived totals, saved and restored with the read model's snapshot (src/projection/projector.ts). */
  snapshotPart(): SnapshotPart {
    return {
      name: 'metrics',
      module: import.meta.url,
      capture: () => ({
        rows: counterTotals(this.rows),
        allRows: counterTotals(this.allRows),
        files: counterTotals(this.files),
        batches: counterTotals(this.batches),
        batchDuration: histogramTotals(this.batchDuration),
      }),
      restore: (state) => {
        // allRows and files came later: a snapshot without them is one this code did not write, and rebuilds (module).
        const totals = state as { rows: CounterTotals; allRows: CounterTotals; files: CounterTotals; batches: CounterTotals; batchDuration: HistogramTotals };
        restoreCounter(this.rows, totals.rows);
        restoreCounter(this.allRows, totals.allRows ?? []);
        restoreCounter(this.files, totals.files ?? []);
        restoreCounter(this.batches, totals.batches);
        restoreHistogram(this.batchDuration, totals.batchDuration);
      },
    };
  }

  /** The original's /api/v1/metrics/all: its keys (original-metric-keys.ts), then a richer JSON summary. */
  async summary(): Promise<Record<string, unknown>> {
    const json = await this.registry.getMetricsAsJSON();
    const pick = (name: string) => json.find((m) => m.name === name)?.values ?? [];
    const byLabel = (name: string, label: string, filter: (l: Record<string, unknown>) => boolean = () => true) =>
      Object.fromEntries(pick(name).filter((v) => filter(v.labels)).map((v) => [String(v.labels[label]), v.value]));
    const total = (name: string) => pick(name).reduce((sum, v) => sum + v.value, 0);
    const original = originalMetricKeys(
      {
        allRows: total('datagen_rows_total'),
        generations: this.readModel.countsByStatus().FINISHED,
        rowsBySink: byLabel('datagen_rows_generated_total', 'sink'),
        filesBySink: byLabel('datagen_files_written_total', 'sink'),
      },
      this.services,
    );
    return {
      ...original,
      commands: byLabel('datagen_commands', 'status'),
      rowsBySink: byLabel('datagen_rows_generated_total', 'sink'),
      batchesCompletedBySink: byLabel('datagen_batches_total', 'sink', (l) => l.outcome === 'completed'),
      batchesFailedBySink: byLabel('datagen_batches_total', 'sink', (l) => l.outcome === 'failed'),
    };
  }
}
