/**
 * A stand-in for a Confluent-compatible schema registry, on loopback: no real registry installs from the package
 * registries reachable here (Apicurio's app needs artifacts Maven Central does not serve; Karapace and Confluent's
 * registry are not published to PyPI or Maven Central). It implements the three calls the sink and the readers use,
 * as the Confluent API documents them: POST /subjects/{subject}/versions (an id per distinct schema, the same id
 * again for the same schema), GET /schemas/ids/{id}, and basic auth (401 without the right credentials).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegistryStandIn {
  url: string;
  /** Every request as received (method, path, Content-Type, Authorization). */
  requests: { method: string; url: string; type: string; authorization?: string }[];
  close(): void;
}

export async function startRegistryStandIn(opts: { user?: string; password?: string; firstId?: number } = {}): Promise<RegistryStandIn> {
  const ids = new Map<string, number>();
  const schemas = new Map<number, string>();
  let next = opts.firstId ?? 1;
  const requests: RegistryStandIn['requests'] = [];
  const expected = opts.user ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ''}`).toString('base64')}` : undefined;
  const answer = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' }).end(JSON.stringify(body));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, type: String(req.headers['content-type']), authorization: req.headers.authorization });
      if (expected && req.headers.authorization !== expected) return answer(res, 401, { error_code: 401, message: 'Unauthorized' });
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(req.url!);
      if (req.method === 'GET' && byId) {
        const schema = schemas.get(Number(byId[1]));
        return schema ? answer(res, 200, { schema }) : answer(res, 404, { error_code: 40403, message: 'Schema not found' });
      }
      if (req.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(req.url!)) {
        const schema = (JSON.parse(body) as { schema: string }).schema;
        const key = JSON.stringify(JSON.parse(schema));
        if (!ids.has(key)) {
          ids.set(key, next);
          schemas.set(next++, schema);
        }
        return answer(res, 200, { id: ids.get(key) });
      }
      answer(res, 404, { error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() };
}
