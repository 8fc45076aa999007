/**
 * Our declarations for the `hbase` npm package 0.6.1 (node-hbase, HBase REST/Stargate client; CJS, callbacks,
 * no bundled types). Only what this service uses, typed from lib/*.js of that version.
 */
declare module 'hbase' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Readable } from 'node:stream';

  namespace hbase {
    type Callback<T> = (err: (Error & { code?: number; body?: string }) | null, data: T, res?: IncomingMessage) => void;

    interface ClientOptions {
      protocol?: 'http' | 'https';
      host?: string;
      port?: string | number;
      /** Path prefix of the REST gateway, e.g. "/hbase". */
      path?: string;
      /** Request timeout in ms (the request is aborted after it). */
      timeout?: number;
      encoding?: BufferEncoding;
      headers?: Record<string, string>;
      krb5?: Record<string, unknown>;
    }

    /** A cell as the package reads and writes it: values are text in `encoding`, base64 on the wire. */
    interface Cell {
      key?: string;
      column: string;
      timestamp?: number | string;
      $: string;
    }

    interface ColumnSchema {
      name: string;
      VERSIONS?: string | number;
      [attribute: string]: unknown;
    }

    interface TableSchema {
      name?: string;
      ColumnSchema: ColumnSchema[];
      [attribute: string]: unknown;
    }

    /** Raw JSON requests to the REST gateway (paths start with "/"); bodies parsed as JSON, empty bodies give null. */
    interface Connection {
      get(path: string, callback: Callback<unknown>): void;
      put(path: string, data: unknown, callback: Callback<unknown>): void;
      post(path: string, data: unknown, callback: Callback<unknown>): void;
      delete(path: string, callback: Callback<unknown>): void;
    }

    interface Client extends EventEmitter {
      readonly options: ClientOptions;
      readonly connection: Connection;
      version(callback: Callback<Record<string, string>>): void;
      version_cluster(callback: Callback<unknown>): void;
      status_cluster(callback: Callback<unknown>): void;
      tables(callback: Callback<{ name: string }[] | null>): void;
      table(name: string): Table;
    }

    interface Table {
      readonly name: string;
      create(schema: TableSchema | string, callback: Callback<true | null>): void;
      delete(callback: Callback<true | null>): void;
      exists(callback: Callback<boolean | null>): void;
      schema(callback: Callback<TableSchema | null>): void;
      regions(callback: Callback<unknown>): void;
      row(key: string): Row;
      scan(options: ScanOptions, callback: Callback<Cell[]>): Scanner;
      scan(options?: ScanOptions): Scanner;
    }

    interface Row {
      get(column: string | string[], callback: Callback<Cell[] | null>): void;
      get(callback: Callback<Cell[] | null>): void;
      put(column: string, value: string, callback: Callback<true | null>): void;
      /** Multi-row put: each cell names its row `key`. */
      put(cells: Cell[], callback: Callback<true | null>): void;
      exists(column: string, callback: Callback<boolean | null>): void;
      delete(callback: Callback<true | null>): void;
    }

    interface ScanOptions {
      startRow?: string;
      endRow?: string;
      column?: string | string[];
      batch?: number;
      maxVersions?: number;
      filter?: Record<string, unknown>;
    }

    type Scanner = Readable;
  }

  function hbase(options?: hbase.ClientOptions): hbase.Client;
  export = hbase;
}
