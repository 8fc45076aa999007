/**
 * The ledger cases every relational sink passes (called from each sink's integration test file against its real
 * server): a redelivered batch writes nothing, an aborted attempt leaves nothing and its retry writes the batch
 * once, a second attempt running alongside the first waits on the ledger row and writes nothing, and
 * DELETE_PREVIOUS drops the table and its ledger rows while a command without it appends.
 */
import { randomUUID } from 'node:crypto';
import type { ImplementationFn } from 'ava';
import type { Row } from '../../src/model/types.js';
import type { Sink, SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { customerRows } from './services/fixtures.js';
import { runSinkCommand } from './sink-command.js';

export interface SqlLedgerSubject {
  test: (title: string, impl: ImplementationFn<[]>) => void;
  sink: Sink;
  /** The Table_Names key of the table (POSTGRESQL_TABLE, MYSQL_TABLE). */
  tableKey: string;
  /** A context of a new command (or of `commandUuid`) writing to the server under test. */
  context(tableNames: Record<string, string>, options?: Record<string, string>, properties?: Record<string, string>, commandUuid?: string): SinkContext;
  /** Rows in `table` of the sink's default namespace. */
  count(table: string): Promise<number>;
  /** The distinct command uuids of the ledger rows of `table`. */
  ledgerCommands(table: string): Promise<string[]>;
}

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const whole = (rows: number) => ({ index: 0, count: 1, firstRow: 0, rows });

/** validate → prepare → open → each batch (chunks of 400 rows) → close → finalize; the rows written. */
export const runSqlCommand = (sink: Sink, ctx: SinkContext, batches: number, rows: number): Promise<Row[]> => runSinkCommand(sink, ctx, { batches, rows, chunkRows: 400 });

export function sqlLedgerCases(s: SqlLedgerSubject): void {
  s.test('a redelivered batch writes nothing; an aborted attempt leaves nothing and its retry writes the batch once', async (t) => {
    const table = uniqueName('ledger');
    const ctx = s.context({ [s.tableKey]: table });
    await runSqlCommand(s.sink, ctx, 2, 500);
    const writer = await s.sink.open(ctx);
    try {
      // Batch 1 again (a worker died after COMMIT, before its ack): the ledger has it.
      t.is((await writeBatch(writer, 1, customerRows(1, 500))).rows, 500);
      t.is(await s.count(table), 1_000);
      // Batch 2: an attempt dies mid-stream, then the retry.
      const stream = await writer.begin(2, whole(500));
      await stream.write(customerRows(2, 500).slice(0, 200));
      await stream.abort();
      t.is(await s.count(table), 1_000);
      t.is((await writeBatch(writer, 2, customerRows(2, 500))).rows, 500);
      t.is(await s.count(table), 1_500);
    } finally {
      await writer.close();
    }
  });

  s.test('two attempts of one batch at once (a worker thought dead): the second waits on the ledger row and writes nothing', async (t) => {
    const table = uniqueName('race');
    const ctx = s.context({ [s.tableKey]: table });
    await runSqlCommand(s.sink, ctx, 0, 0);
    const [a, b] = [await s.sink.open(ctx), await s.sink.open(ctx)];
    try {
      const rows = customerRows(0, 300);
      const first = await a.begin(0, whole(300));
      await first.write(rows);
      const second = writeBatch(b, 0, rows);
      t.is((await first.commit()).rows, 300);
      t.is((await second).rows, 300);
      t.is(await s.count(table), 300);
    } finally {
      await a.close();
      await b.close();
    }
  });

  s.test('DELETE_PREVIOUS drops the table and its ledger rows; without it a new command appends', async (t) => {
    const table = uniqueName('again');
    await runSqlCommand(s.sink, s.context({ [s.tableKey]: table }), 2, 100);
    await runSqlCommand(s.sink, s.context({ [s.tableKey]: table }), 1, 100);
    t.is(await s.count(table), 300);
    const uuid = randomUUID();
    await runSqlCommand(s.sink, s.context({ [s.tableKey]: table }, { DELETE_PREVIOUS: 'true' }, undefined, uuid), 1, 100);
    t.is(await s.count(table), 100);
    t.deepEqual(await s.ledgerCommands(table), [uuid]);
  });
}
