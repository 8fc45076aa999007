/** A small fetch transport bound to one server and one set of credentials. */
import { basicAuthHeader } from './auth.js';
import { ApiError, ConnectionError, errorText } from './errors.js';

export interface ClientOptions {
  server: string;
  user?: string;
}

export class Http {
  readonly server: string;
  private readonly auth?: string;

  constructor(opts: ClientOptions) {
    this.server = opts.server.replace(/\/+$/, '');
    this.auth = basicAuthHeader(opts.user);
  }

  url(path: string, query: Record<string, string | undefined> = {}): string {
    const u = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  /** Sends a request; any non-2xx answer becomes an ApiError carrying the service's error text. */
  async send(method: string, path: string, init: { query?: Record<string, string | undefined>; body?: BodyInit; accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: init.accept ?? 'application/json' };
    if (this.auth) headers.authorization = this.auth;
    let res: Response;
    try {
      res = await fetch(this.url(path, init.query), { method, headers, body: init.body, signal: init.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ConnectionError(this.server, err);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new ApiError(res.status, errorText(res.status, res.statusText, text), text);
    }
    return res;
  }

  async json<T>(method: string, path: string, init: Parameters<Http['send']>[2] = {}): Promise<T> {
    const res = await this.send(method, path, init);
    return (await res.json()) as T;
  }
}
