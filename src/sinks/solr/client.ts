/**
 * What the Solr sink asks of a SolrCloud node over HTTP (fetch): the Collections API (LIST, CREATE, DELETE), the
 * Configsets API (a file at a time: UPLOAD with filePath, DELETE) and JSON updates with commits. Every request
 * carries the basic-auth header when credentials are given; errors quote Solr's own message, never the header.
 */

export class SolrClient {
  constructor(
    private readonly url: string,
    private readonly authorization?: string,
    private readonly timeoutMs = 120_000,
  ) {}

  async collections(): Promise<string[]> {
    const body = (await this.request('GET', '/admin/collections?action=LIST&wt=json')) as { collections?: string[] };
    return body.collections ?? [];
  }

  async configSets(): Promise<string[]> {
    const body = (await this.request('GET', '/admin/configs?action=LIST&wt=json')) as { configSets?: string[] };
    return body.configSets ?? [];
  }

  /** Writes (or overwrites) one file of a configset, creating the configset with its first file. */
  async uploadConfigFile(configSet: string, filePath: string, content: string): Promise<void> {
    const q = new URLSearchParams({ action: 'UPLOAD', name: configSet, filePath, overwrite: 'true', wt: 'json' });
    await this.request('POST', `/admin/configs?${q}`, content, 'application/octet-stream');
  }

  async deleteConfigSet(configSet: string): Promise<void> {
    await this.request('GET', `/admin/configs?${new URLSearchParams({ action: 'DELETE', name: configSet, wt: 'json' })}`);
  }

  async createCollection(name: string, configSet: string, shards: number, replicas: number): Promise<void> {
    const q = new URLSearchParams({
      action: 'CREATE', name, 'collection.configName': configSet, numShards: String(shards), replicationFactor: String(replicas), wt: 'json',
    });
    // A replica that could not be created is reported under "failure" of an answer that may still be a 200.
    const body = (await this.request('GET', `/admin/collections?${q}`)) as { failure?: Record<string, unknown> };
    if (body.failure) throw new Error(`CREATE collection ${name}: ${JSON.stringify(body.failure).slice(0, 300)}`);
  }

  async deleteCollection(name: string): Promise<void> {
    await this.request('GET', `/admin/collections?${new URLSearchParams({ action: 'DELETE', name, wt: 'json' })}`);
  }

  /** Adds (or replaces, by id) the documents of a JSON array; visible after the next commit. */
  async update(collection: string, documents: string): Promise<void> {
    await this.request('POST', `/${encodeURIComponent(collection)}/update?wt=json`, documents, 'application/json');
  }

  async commit(collection: string): Promise<void> {
    await this.request('POST', `/${encodeURIComponent(collection)}/update?commit=true&wt=json`, '[]', 'application/json');
  }

  private async request(method: string, path: string, body?: string, contentType?: string): Promise<unknown> {
    const what = `${method} ${path.split('?')[0]}`;
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers: { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}), ...(this.authorization ? { Authorization: this.authorization } : {}) },
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${what}: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`, { cause: err });
    }
    const text = await res.text();
    let parsed: { error?: { msg?: string } } | undefined;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const msg = parsed?.error?.msg ?? text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
      throw new Error(`${what}: HTTP ${res.status} ${msg.slice(0, 300)}`);
    }
    return parsed ?? {};
  }
}
