/**
 * A small promise wrapper over the `hbase` REST client for what the sink needs. Schema and admin operations go
 * through the package (JSON); the multi-row put is sent with node:http as a protobuf CellSet (cellset.ts), which
 * the gateway parses several times faster than the package's base64 JSON cells.
 * (The package's Connection sets rejectUnauthorized=false for https; the put keeps Node's default verification.)
 */
import http from 'node:http';
import https from 'node:https';
import type hbase from 'hbase';
import { lazySdk } from '../destinations/lazy-sdk.js';
import { encodeCellSet } from './cellset.js';
import type { PutRow } from './put-row.js';

/** The package on first use: a thread that never writes to HBase does not load it. */
const loadHbase = lazySdk<typeof hbase>('hbase');

function promised<T>(call: (cb: hbase.Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    call((err, data) => {
      if (!err) return resolve(data);
      const e = err as Error & { code?: number; body?: string };
      const detail = e.body ? ` ${String(e.body).split('\n')[0]!.slice(0, 300)}` : '';
      reject(Object.assign(new Error(`${e.message}${detail}`, { cause: err }), { status: e.code }));
    }),
  );
}


export class HBaseRestClient {
  private readonly client: hbase.Client;
  private readonly url: URL;
  private readonly pathPrefix: string;
  private readonly agent: http.Agent;

  constructor(restUrl: string, private readonly timeoutMs = 60_000) {
    const url = new URL(restUrl);
    const protocol = url.protocol.replace(':', '');
    if (protocol !== 'http' && protocol !== 'https') throw new Error(`HBASE_REST_URL ${restUrl} must be http(s)`);
    this.url = url;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.agent = new (protocol === 'https' ? https : http).Agent({ keepAlive: true, maxSockets: 4 });
    this.client = loadHbase()({
      protocol,
      host: url.hostname,
      port: url.port || (protocol === 'https' ? 443 : 80),
      path: this.pathPrefix,
      timeout: timeoutMs,
    });
  }

  version(): Promise<Record<string, string>> {
    return promised((cb) => this.client.version(cb));
  }

  async namespaces(): Promise<string[]> {
    const data = (await promised<unknown>((cb) => this.client.connection.get('/namespaces', cb))) as { Namespace?: string[] } | null;
    return data?.Namespace ?? [];
  }

  async createNamespace(ns: string): Promise<void> {
    if ((await this.namespaces()).includes(ns)) return;
    await promised<unknown>((cb) => this.client.connection.post(`/namespaces/${encodeURIComponent(ns)}`, {}, cb));
  }

  tableExists(table: string): Promise<boolean> {
    return promised((cb) => this.client.table(table).exists(cb)).then(Boolean);
  }

  /** Creates the table with these families (one version per cell); an existing table gains missing families. */
  async createTable(table: string, families: string[]): Promise<void> {
    await promised((cb) => this.client.table(table).create({ ColumnSchema: families.map((name) => ({ name, VERSIONS: 1 })) }, cb));
  }

  /** Disables and drops the table (the REST gateway does both); a missing table is fine. */
  async dropTable(table: string): Promise<void> {
    if (await this.tableExists(table)) await promised((cb) => this.client.table(table).delete(cb));
  }

  /** One multi-row put (PUT /<table>/<any key> with a protobuf CellSet naming each row's key). */
  async putRows(table: string, rows: PutRow[]): Promise<void> {
    const path = `${this.pathPrefix}/${tablePath(table)}/${encodeURIComponent('datagen-multi-put')}`;
    const { status, text } = await this.request('PUT', path, encodeCellSet(rows), 'application/x-protobuf');
    if (status !== 200) throw new Error(`PUT ${tablePath(table)}: HTTP ${status} ${text.split('\n')[0]!.slice(0, 300)}`);
  }

  /** A plain node:http request (fetch refuses some ports, e.g. 1, that a REST gateway URL may name). */
  private request(method: string, path: string, body: Buffer, contentType: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(
        {
          method,
          host: this.url.hostname,
          port: this.url.port || undefined,
          path,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { 'Content-Type': contentType, Accept: 'application/json', 'Content-Length': body.length },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs / 1000}s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Frees the kept-alive sockets of the puts. */
  close(): void {
    this.agent.destroy();
  }
}

/** "ns:table" as a URL path segment, the namespace separator kept literal as the gateway expects. */
export function tablePath(table: string): string {
  return table.split(':').map(encodeURIComponent).join(':');
}
