/**
 * The ledger of a relational sink: a table beside the data, in the same schema or database, with one
 * row per committed batch or shard, written in the same transaction as the batch's rows. A redelivered batch finds
 * its row and writes nothing; a concurrent attempt waits on the row's lock, then finds it too.
 */

export const LEDGER_TABLE = 'datagen_batches';

/** The ledger's key columns, in the order of ledgerKey's values. */
export const LEDGER_COLUMNS = ['command_uuid', 'target', 'batch', 'shard'] as const;

export function ledgerKey(commandUuid: string, table: string, batch: number, shard: number): [string, string, number, number] {
  return [commandUuid, table, batch, shard];
}
