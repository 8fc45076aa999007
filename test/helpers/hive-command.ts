/**
 * A Hive sink command run in process for the integration tests (validate → prepare → open → each batch of the
 * fixtures' customer rows in 40-row chunks → close → finalize, as the pipeline does), and the written rows in the
 * text forms readCustomers (services/hive-read.ts) reads back.
 */
import type { Row } from '../../src/model/types.js';
import { timestampText } from '../../src/sinks/hive/sql.js';
import type { Sink, SinkContext } from '../../src/sinks/types.js';
import { runSinkCommand } from './sink-command.js';

export const runHiveCommand = (sink: Sink, ctx: SinkContext): Promise<Row[]> => runSinkCommand(sink, ctx, { batches: ctx.batches, rows: ctx.rowsPerBatch, chunkRows: 40 });

/** A written row in the forms readCustomers gives. */
export function expectedCustomer(row: Row): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    age: row.age,
    account: String(row.account),
    balance: row.balance,
    active: row.active,
    created: timestampText(BigInt(row.created as number)),
    seen: timestampText(BigInt((row.seen as Date).getTime())),
    token: Buffer.from(row.token as Uint8Array).toString('hex').toUpperCase(),
  };
}

export const byId = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
