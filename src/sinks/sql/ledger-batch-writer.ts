/**
 * The batch writer of a relational sink, exactly once per batch (or shard) through the ledger (ledger.ts): a batch
 * opens a transaction and claims its ledger row; a row already there means an earlier attempt committed, and nothing
 * is written; otherwise the rows stream in a chunk at a time and the ledger row gets their count in the same COMMIT.
 * After any failure the connection is dropped, which rolls its transaction back; the next batch opens another.
 * What differs per database (statements, bulk load) is its LedgerSession.
 */
import type { Row } from '../../model/types.js';
import type { BatchStream, BatchWriter, SinkContext } from '../types.js';
import { ledgerKey } from './ledger.js';

export type LedgerKey = ReturnType<typeof ledgerKey>;

/** One connection of a relational sink, as this writer uses it. */
export interface LedgerSession {
  /** Opens the batch's transaction and inserts its ledger row; false when the row is there (committed before). */
  claim(key: LedgerKey): Promise<boolean>;
  /** The rows the earlier attempt committed; ends the transaction claim() opened. */
  committedRows(key: LedgerKey): Promise<number>;
  /** Starts loading the batch's rows inside the transaction. */
  load(): RowLoad;
  /** Sets the ledger row's count and commits. */
  commit(key: LedgerKey, rows: number): Promise<void>;
  /** Closes the connection now; an open transaction rolls back. */
  drop(): Promise<void>;
  /** Closes the connection when the actor is done with the command. */
  close(): Promise<void>;
}

/** The rows of one batch on their way into the table. */
export interface RowLoad {
  /** Resolves when the connection can take the next chunk (back-pressure). */
  write(chunk: Row[]): Promise<void>;
  /** Ends the input and resolves once all `rows` are in the table (uncommitted); throws the load's own error. */
  finish(rows: number): Promise<void>;
}

export interface LedgerBatchWriterOptions {
  ctx: SinkContext;
  /** The ledger's target: the table's name. */
  table: string;
  /** "postgresql table ns.table", the batch's location in history. */
  location: string;
  connect(): Promise<LedgerSession>;
  /** The sink's error: names the sink and what it was doing. */
  failure(doing: string, err: unknown): Error;
}

export function ledgerBatchWriter(o: LedgerBatchWriterOptions): BatchWriter {
  let session: LedgerSession | undefined;
  const drop = async () => {
    const s = session;
    session = undefined;
    await s?.drop().catch(() => {});
  };
  return {
    async begin(batch, shard): Promise<BatchStream> {
      const key = ledgerKey(o.ctx.commandUuid, o.table, batch, shard.index);
      let committedBefore: number | undefined;
      let load: RowLoad | undefined;
      try {
        session ??= await o.connect();
        if (await session.claim(key)) load = session.load();
        else committedBefore = await session.committedRows(key);
      } catch (err) {
        await drop();
        throw o.failure(`starting batch ${batch}`, err);
      }
      let rows = 0;
      return {
        async write(chunk) {
          if (!load) return;
          try {
            await load.write(chunk);
            rows += chunk.length;
          } catch (err) {
            await drop();
            throw o.failure(`writing batch ${batch}`, err);
          }
        },
        async commit() {
          if (!load) return { rows: committedBefore!, location: `${o.location} (batch ${batch} committed before)` };
          try {
            await load.finish(rows);
            await session!.commit(key, rows);
            return { rows, location: o.location };
          } catch (err) {
            await drop();
            throw o.failure(`committing batch ${batch}`, err);
          }
        },
        async abort() {
          if (load) await drop();
        },
      };
    },
    async close() {
      const s = session;
      session = undefined;
      await s?.close().catch(() => {});
    },
  };
}
