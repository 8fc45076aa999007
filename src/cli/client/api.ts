/** Typed calls of the datagen REST API (the routes the CLI uses). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Http, type ClientOptions } from './http.js';
import type { CommandDetails, HistoryResponse, StatusView, SubmitResponse } from './types.js';

export interface GenerateRequest {
  service: string;
  /** multipleconnectors: the sinks, comma-separated. */
  connectors?: string;
  /** Stored credentials the command uses, comma-separated. */
  credentials?: string;
  /** Commands it waits for (uuids, comma-separated): docs/related-models.md. */
  after?: string;
  rows?: number;
  batches?: number;
  threads?: number;
  seed?: number;
  /** Rate control (docs/rate-control.md): rows_per_second, its ramp, burst and duration. */
  rowsPerSecond?: number;
  rampToRowsPerSecond?: number;
  rampSeconds?: number;
  burst?: number;
  duration?: number;
  /** A local model file to upload. */
  modelFile?: string;
  /** A stored model's name or a file in the service's models directory. */
  modelName?: string;
}

/** The rate-control fields of a request, by their names on the wire. */
const RATE_FIELDS = [
  ['rowsPerSecond', 'rows_per_second'], ['rampToRowsPerSecond', 'ramp_to_rows_per_second'], ['rampSeconds', 'ramp_seconds'],
  ['burst', 'burst'], ['duration', 'duration'],
] as const;

export class DatagenClient {
  readonly http: Http;

  constructor(opts: ClientOptions) {
    this.http = new Http(opts);
  }

  get server(): string {
    return this.http.server;
  }

  async generate(req: GenerateRequest): Promise<SubmitResponse> {
    const form = new FormData();
    for (const key of ['connectors', 'credentials', 'after', 'rows', 'batches', 'threads', 'seed'] as const) {
      if (req[key] !== undefined) form.set(key, String(req[key]));
    }
    for (const [key, field] of RATE_FIELDS) if (req[key] !== undefined) form.set(field, String(req[key]));
    if (req.modelFile) {
      const text = await readFile(req.modelFile);
      form.set('model_file', new Blob([text], { type: 'application/json' }), path.basename(req.modelFile));
    } else if (req.modelName) {
      form.set('model', req.modelName);
    }
    return this.http.json<SubmitResponse>('POST', `/datagen/${encodeURIComponent(req.service)}`, { body: form });
  }

  status(commandUuid: string): Promise<StatusView> {
    return this.http.json('GET', '/command/getCommandStatus', { query: { commandUuid } });
  }

  details(commandUuid: string): Promise<CommandDetails> {
    return this.http.json('GET', '/command/get', { query: { commandUuid } });
  }

  list(status?: string): Promise<StatusView[]> {
    return status ? this.http.json('GET', '/command/getByStatus', { query: { status } }) : this.http.json('GET', '/command/getAll');
  }

  history(commandUuid: string): Promise<HistoryResponse> {
    return this.http.json('GET', '/command/history', { query: { commandUuid } });
  }

  cancel(commandUuid: string): Promise<{ commandUuid: string; status: string }> {
    return this.http.json('POST', '/command/cancel', { query: { commandUuid } });
  }

  /** The live event stream of one command, or of every command without a uuid (text/event-stream). */
  events(commandUuid?: string, signal?: AbortSignal): Promise<Response> {
    return this.http.send('GET', '/command/events', { query: { commandUuid }, accept: 'text/event-stream', signal });
  }
}
