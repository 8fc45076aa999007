/**
 * The CLI's HTTP client against a real service: following a command over SSE, the polling fallback when the
 * stream route is missing (a proxy in front of the service answers 404 for it), the SSE reader on awkward
 * chunk boundaries, credentials and error texts.
 */
import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatagenClient } from '../../src/cli/client/api.js';
import { basicAuthHeader } from '../../src/cli/client/auth.js';
import { ApiError, errorText } from '../../src/cli/client/errors.js';
import { followCommand } from '../../src/cli/client/follow.js';
import { readSse, type SseMessage } from '../../src/cli/client/sse.js';
import type { LiveEvent, StatusView } from '../../src/cli/client/types.js';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

let svc: ServiceProcess;
let modelFile: string;

test.before(async () => {
  svc = await startServe();
  modelFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'datagen-client-')), 'client-test.json');
  await writeFile(modelFile, JSON.stringify({ model_name: 'client-test', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }));
});

test.after.always(async () => {
  await svc?.stop();
});

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(streamOf(chunks))) out.push(m);
  return out;
}

/** A reverse proxy to the service that answers 404 for /command/events and counts the requests it forwards. */
async function proxyWithoutEvents(target: string): Promise<{ url: string; paths: string[]; close: () => Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, target);
    if (url.pathname === '/command/events') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ commandUuid: '', error: `no route GET ${url.pathname}` }));
      return;
    }
    paths.push(url.pathname);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(url, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, close: () => new Promise((r) => server.close(() => r())) };
}

test('readSse: fields split across chunks, CRLF, comments, multi-line data; an unterminated message is dropped', async (t) => {
  const messages = await collect([': connected\n\nid: 1\nev', 'ent: queued\ndata: {"a"', ':1}\n\r\n', 'event: running\r\ndata: line1\r\ndata: line2\r\n\r\n', 'data: plain\n\n', 'event: lost\ndata: x\n']);
  t.deepEqual(messages, [
    { event: 'queued', data: '{"a":1}', id: '1' },
    { event: 'running', data: 'line1\nline2', id: '1' },
    { event: 'message', data: 'plain', id: '1' },
  ]);
});

test.serial('followCommand follows the SSE stream to FINISHED, each update carried by an event', async (t) => {
  const client = new DatagenClient({ server: svc.url });
  const { commandUuid } = await client.generate({ service: 'json', rows: 2, batches: 3, threads: 1, modelFile });
  const seen: Array<{ status: StatusView; event?: LiveEvent }> = [];
  const final = await followCommand(client, commandUuid, { onStatus: (status, event) => seen.push({ status, event }) });
  t.like(final, { commandUuid, status: 'FINISHED', rowsWritten: 6, batchesCompleted: 3 });
  t.true(seen.length > 0);
  t.true(seen.every((s) => s.event?.commandUuid === commandUuid));
  t.is(seen.at(-1)!.event!.type, 'finished');
});

test.serial('followCommand polls getCommandStatus when the service has no event stream', async (t) => {
  const proxy = await proxyWithoutEvents(svc.url);
  t.teardown(() => proxy.close());
  const client = new DatagenClient({ server: proxy.url });
  const { commandUuid } = await client.generate({ service: 'csv', rows: 2, batches: 2, modelFile });
  const seen: Array<{ status: StatusView; event?: LiveEvent }> = [];
  const final = await followCommand(client, commandUuid, { pollMs: 20, onStatus: (status, event) => seen.push({ status, event }) });
  t.like(final, { commandUuid, status: 'FINISHED', rowsWritten: 4 });
  t.true(proxy.paths.includes('/command/getCommandStatus'));
  t.true(seen.every((s) => s.event === undefined));
  // Only changes are reported: no two consecutive updates are the same.
  const keys = seen.map((s) => `${s.status.status}/${s.status.batchesCompleted}`);
  t.deepEqual(keys, keys.filter((k, i) => k !== keys[i - 1]));
});

test.serial('a request the service refuses becomes an ApiError with its error text and status', async (t) => {
  const client = new DatagenClient({ server: svc.url });
  const err = await t.throwsAsync(client.generate({ service: 'nosuchsink', modelFile }), { instanceOf: ApiError });
  t.is(err!.status, 400);
  t.regex(err!.message, /^unknown service "nosuchsink"/);
  const missing = await t.throwsAsync(client.history('00000000-0000-4000-8000-000000000000'), { instanceOf: ApiError });
  t.is(missing!.status, 404);
});

test('credentials and error texts', (t) => {
  t.is(basicAuthHeader('ada:s3:cret'), `Basic ${Buffer.from('ada:s3:cret').toString('base64')}`);
  t.is(basicAuthHeader(undefined), undefined);
  t.throws(() => basicAuthHeader('ada'), { message: '--user must be name:password' });
  t.is(errorText(400, 'Bad Request', '{"commandUuid":"","error":"rows must be positive"}'), 'rows must be positive');
  t.regex(errorText(401, 'Unauthorized', ''), /--user name:password or set DATAGEN_USER/);
  t.is(errorText(502, 'Bad Gateway', '<html>proxy down</html>'), 'HTTP 502: <html>proxy down</html>');
  t.is(errorText(503, 'Service Unavailable', ''), 'HTTP 503 Service Unavailable');
});
