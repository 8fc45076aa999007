/**
 * The sink's connection to a HiveServer2, as a port (HiveConnection) so the sink's logic runs against a fake in
 * specs, and its adapter over npm hive-driver (Thrift, binary transport, SASL PLAIN: what authentication NONE and
 * LDAP servers accept). The driver loads on first use (lazySdk): every thread that imports the sink registry
 * would otherwise load Thrift.
 */
import type * as HiveDriver from 'hive-driver';
import { lazySdk } from '../destinations/lazy-sdk.js';

export interface HiveConnection {
  /** Runs one statement to completion; rejects with the server's message when it fails. */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns its rows, each an object keyed by column name. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface HiveAddress {
  host: string;
  port: number;
  user?: string;
  password?: string;
  /** Connecting (and each statement) fails after this long. */
  timeoutMs: number;
}

export type HiveConnector = (address: HiveAddress) => Promise<HiveConnection>;

const driver = lazySdk<typeof HiveDriver>('hive-driver');

/** Rejects after `ms` with "<what> timed out". */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${Math.round(ms / 1000)}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The server's message of a failed statement (a Thrift status's errorMessage), on one line. */
function messageOf(err: unknown): string {
  const e = err as { message?: string; response?: { errorMessage?: string } };
  const text = e?.response?.errorMessage ?? e?.message ?? String(err);
  return text.split('\n')[0]!.slice(0, 500);
}

export const connectHive: HiveConnector = async (address) => {
  const hive = driver();
  const { TCLIService, TCLIService_types } = hive.thrift;
  const client = new hive.HiveClient(TCLIService, TCLIService_types);
  const utils = new hive.HiveUtils(TCLIService_types);
  // Network errors after connecting arrive as events: without a listener they would crash the process.
  let broken: Error | undefined;
  let onLost: (err: Error) => void = () => {};
  // Thrift leaves a call unanswered when its connection closes: each statement races this instead of hanging.
  const lost = new Promise<never>((_, reject) => {
    onLost = (err) => {
      broken ??= err;
      reject(broken);
    };
  });
  lost.catch(() => {});
  client.on('error', (err: Error) => onLost(err));
  const auth = new hive.auth.PlainTcpAuthentication({ username: address.user ?? 'anonymous', password: address.password ?? 'anonymous' });
  const tcp = new hive.connections.TcpConnection();
  const what = `connecting to ${address.host}:${address.port}`;
  try {
    await within(client.connect({ host: address.host, port: address.port, options: { connect_timeout: address.timeoutMs } }, tcp, auth), address.timeoutMs, what);
  } catch (err) {
    client.close();
    throw new Error(`${what} failed: ${messageOf(err)}`, { cause: err });
  }
  let closing = false;
  (tcp.getConnection() as unknown as NodeJS.EventEmitter).on('close', () => {
    if (!closing) onLost(new Error(`the connection to ${address.host}:${address.port} closed`));
  });
  let session: Awaited<ReturnType<typeof client.openSession>>;
  try {
    session = await within(Promise.race([client.openSession({ client_protocol: TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 }), lost]), address.timeoutMs, 'opening a session');
  } catch (err) {
    client.close();
    throw new Error(`opening a Hive session failed: ${messageOf(err)}`, { cause: err });
  }

  async function run(sql: string, fetch: boolean): Promise<Record<string, unknown>[]> {
    if (broken) throw new Error(`the connection failed: ${broken.message}`);
    const step = async () => {
      const op = await session.executeStatement(sql, { runAsync: true });
      try {
        await utils.waitUntilReady(op, false, () => {});
        if (!fetch) return [];
        await utils.fetchAll(op);
        return utils.getResult(op).getValue() as Record<string, unknown>[];
      } finally {
        await op.close().catch(() => {});
      }
    };
    try {
      return await within(Promise.race([step(), lost]), address.timeoutMs, 'the statement');
    } catch (err) {
      throw new Error(messageOf(err), { cause: err });
    }
  }

  return {
    execute: async (sql) => void (await run(sql, false)),
    query: (sql) => run(sql, true),
    async close() {
      closing = true;
      if (!broken) await within(Promise.race([session.close(), lost]), 10_000, 'closing the session').catch(() => {});
      client.close();
    },
  };
};
