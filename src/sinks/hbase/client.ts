/**
 * What the sink and the analysis need from the HBase REST gateway, over node:http(s) (http-request.ts): schema and
 * namespace calls as JSON, the multi-row put as a protobuf CellSet (cellset.ts), which the gateway parses several
 * times faster than base64 JSON cells, and scanners. Certificates are verified (the `hbase` npm package this
 * replaced turned verification off), basic auth and a private CA come from the endpoint.
 */
import http from 'node:http';
import https from 'node:https';
import type { HttpEndpoint } from '../http/http-endpoint.js';
import { endpointTls, httpRequest, type HttpAnswer } from '../http/http-request.js';
import { encodeCellSet } from './cellset.js';
import type { PutRow } from './put-row.js';
import { HBASE_REST_KEYS } from './rest-endpoint.js';

const JSON_TYPE = 'application/json';

export class HBaseRestClient {
  private readonly agent: http.Agent;
  private readonly tls: { ca?: Buffer };

  constructor(private readonly endpoint: HttpEndpoint, private readonly timeoutMs = 60_000) {
    const secure = endpoint.url.startsWith('https:');
    this.tls = endpointTls(endpoint, HBASE_REST_KEYS.caFile);
    this.agent = new (secure ? https : http).Agent({ keepAlive: true, maxSockets: 4, ...this.tls });
  }

  async namespaces(): Promise<string[]> {
    const data = (await this.json('GET', '/namespaces')) as { Namespace?: string[] } | undefined;
    return data?.Namespace ?? [];
  }

  async createNamespace(ns: string): Promise<void> {
    if ((await this.namespaces()).includes(ns)) return;
    await this.json('POST', `/namespaces/${encodeURIComponent(ns)}`, {});
  }

  async tableExists(table: string): Promise<boolean> {
    const res = await this.call('GET', `/${tablePath(table)}/exists`);
    if (res.status === 404) return false;
    expectOk(res, `GET ${tablePath(table)}/exists`);
    return true;
  }

  /** Creates the table with these families (one version per cell); an existing table gains missing families. */
  async createTable(table: string, families: string[]): Promise<void> {
    await this.json('PUT', `/${tablePath(table)}/schema`, { name: table, ColumnSchema: families.map((name) => ({ name, VERSIONS: 1 })) });
  }

  /** Disables and drops the table (the REST gateway does both); a missing table is fine. */
  async dropTable(table: string): Promise<void> {
    if (await this.tableExists(table)) await this.json('DELETE', `/${tablePath(table)}/schema`);
  }

  /** One multi-row put (PUT /<table>/<any key> with a protobuf CellSet naming each row's key). */
  async putRows(table: string, rows: PutRow[]): Promise<void> {
    const res = await this.call('PUT', `/${tablePath(table)}/${encodeURIComponent('datagen-multi-put')}`, encodeCellSet(rows), 'application/x-protobuf');
    if (res.status !== 200) throw new Error(`PUT ${tablePath(table)}: HTTP ${res.status} ${firstLine(res.text)}`);
  }

  /** The table's schema, or undefined when there is no such table. */
  async schema(table: string): Promise<unknown> {
    const res = await this.call('GET', `/${tablePath(table)}/schema`);
    if (res.status === 404) return undefined;
    expectOk(res, `GET ${tablePath(table)}/schema`);
    return JSON.parse(res.text) as unknown;
  }

  /** Opens a scanner; answers its id (the last segment of the Location the gateway gives). */
  async openScanner(table: string, spec: { batch: number; caching: number }): Promise<string> {
    const res = await this.call('PUT', `/${tablePath(table)}/scanner`, JSON.stringify(spec), JSON_TYPE);
    if (res.status !== 201) throw new Error(`opening a scanner: HTTP ${res.status} ${firstLine(res.text)}`);
    const location = String(res.headers.location ?? '');
    const id = location.slice(location.lastIndexOf('/') + 1);
    if (!id) throw new Error('opening a scanner: the gateway gave no Location');
    return id;
  }

  /** The scanner's next answer, or undefined when it is exhausted (204). */
  async nextScan(table: string, scanner: string): Promise<unknown> {
    const res = await this.call('GET', `/${tablePath(table)}/scanner/${encodeURIComponent(scanner)}`);
    if (res.status === 204) return undefined;
    expectOk(res, 'scanner');
    return JSON.parse(res.text) as unknown;
  }

  async closeScanner(table: string, scanner: string): Promise<void> {
    await this.call('DELETE', `/${tablePath(table)}/scanner/${encodeURIComponent(scanner)}`);
  }

  /** Frees the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.call(method, path, body === undefined ? undefined : JSON.stringify(body), JSON_TYPE);
    expectOk(res, `${method} ${path}`);
    return res.text.trim() ? (JSON.parse(res.text) as unknown) : undefined;
  }

  private call(method: string, path: string, body?: string | Buffer, contentType?: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = { Accept: JSON_TYPE, ...(contentType ? { 'Content-Type': contentType } : {}) };
    return httpRequest(this.endpoint, this.tls, { method, path, headers, agent: this.agent, timeoutMs: this.timeoutMs, ...(body !== undefined ? { body } : {}) });
  }
}

function expectOk(res: HttpAnswer, what: string): void {
  if (res.status === 401 || res.status === 403) {
    throw new Error(`${what}: the gateway refused the credentials (HTTP ${res.status}; check HBASE_REST_USERNAME and HBASE_REST_PASSWORD)`);
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${firstLine(res.text)}`);
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 300);

/** "ns:table" as a URL path segment, the namespace separator kept literal as the gateway expects. */
export function tablePath(table: string): string {
  return table.split(':').map(encodeURIComponent).join(':');
}
