/**
 * An HTTP proxy on loopback in front of a real server that records each request's start and end, so a test can
 * read how many requests the server had in flight at once (the peak) and how many it got. Bodies pass unchanged.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** Requests received since the last reset. */
  readonly requests: number;
  /** Requests in flight now. */
  readonly inFlight: number;
  /** The most in flight at once since the last reset. */
  readonly peak: number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  let requests = 0;
  let inFlight = 0;
  let peak = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    peak = Math.max(peak, ++inFlight);
    let ended = false;
    // Counted out before the answer leaves: the client cannot send its next request while this one still counts.
    const end = () => { if (!ended) { ended = true; inFlight--; } };
    const upstream = httpRequest({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        end();
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    upstream.on('error', () => {
      end();
      res.writeHead(502).end();
    });
    req.pipe(upstream);
    res.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() { return requests; },
    get inFlight() { return inFlight; },
    get peak() { return peak; },
    reset() { requests = 0; peak = inFlight; },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
