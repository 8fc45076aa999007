/**
 * HDFS as a byte destination, over the WebHDFS REST API of the namenode (no Hadoop client, no JVM).
 *
 * A file is streamed by one CREATE: the namenode answers 307 with a datanode URL, and the bytes go to that URL as
 * one chunked PUT fed by write() (the datanode takes chunked transfer encoding). The datanode answers that PUT with
 * `100 Continue` before its final status, which undici's fetch rejects, so the datanode step uses node:http; the
 * namenode steps use fetch. The file is written under a hidden temporary name in the target's directory and moved
 * onto its name at commit by RENAME with renameoptions=OVERWRITE (one namenode operation replacing any file there;
 * plain RENAME refuses an existing target). Abort ends the body, waits for the datanode, and DELETEs the temporary file.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { posix } from 'node:path';
import type { ByteStream, Destination } from './destination.js';

export interface HdfsSettings {
  /**
   * WebHDFS base: the namenode's HTTP address, e.g. http://127.0.0.1:9870 (an optional path prefix for gateways);
   * for an HA pair, each namenode's, tried in turn past a standby or unreachable one, the active one remembered.
   */
  url: string | readonly string[];
  /** Sent as user.name (simple authentication); default "datagen", the original's hadoop.user. */
  user?: string;
  /** Replication of the files created; absent: the cluster's dfs.replication. */
  replication?: number;
}

export const DEFAULT_HDFS_USER = 'datagen';

/** What a failed WebHDFS call answered. */
export class HdfsError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'HdfsError';
  }
}

type Query = Record<string, string>;

export function hdfsDestination(settings: HdfsSettings): Destination {
  const bases = (typeof settings.url === 'string' ? [settings.url] : [...settings.url]).map((u) => new URL(u));
  if (bases.length === 0) throw new Error('hdfsDestination needs a WebHDFS URL');
  if (bases.some((b) => b.username || b.password)) throw new Error('the WebHDFS URL must not hold credentials');
  const roots = bases.map((b) => `${b.origin}${b.pathname.replace(/\/+$/, '')}/webhdfs/v1`);
  const user = settings.user ?? DEFAULT_HDFS_USER;
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  /** The namenode that answered last: tried first. */
  let active = 0;

  const describe = (p: string) => `hdfs://${bases[0]!.host}${normalize(p)}`;

  function urlOf(nn: number, p: string, op: string, query: Query = {}): string {
    const path = normalize(p).split('/').map(encodeURIComponent).join('/');
    const params = new URLSearchParams({ op, 'user.name': user, ...query });
    return `${roots[nn]}${path}?${params}`;
  }

  /**
   * One namenode call, from the last active namenode on, past unreachable and standby ones; answers the response
   * when its status is one of `ok`, throws a described HdfsError otherwise.
   */
  async function call(method: string, op: string, p: string, query: Query = {}, ok: number[] = [200], onlyActive = false): Promise<Response> {
    const problems: string[] = [];
    for (let k = 0; k < (onlyActive ? 1 : roots.length); k++) {
      const nn = (active + k) % roots.length;
      let res: Response;
      try {
        res = await fetch(urlOf(nn, p, op, query), { method, redirect: 'manual' });
      } catch (err) {
        problems.push(`cannot reach the namenode at ${bases[nn]!.origin}: ${causeOf(err)}`);
        continue;
      }
      if (ok.includes(res.status)) {
        active = nn;
        return res;
      }
      const remote = await remoteOf(res);
      if (remote.exception === 'StandbyException' && roots.length > 1) {
        problems.push(`the namenode at ${bases[nn]!.origin} is standby`);
        continue;
      }
      throw new HdfsError(`HDFS ${op} ${describe(p)} failed: HTTP ${res.status}${remote.text}`, res.status);
    }
    const why = roots.length > 1 ? `no active namenode (${problems.join('; ')})` : problems[0];
    throw new HdfsError(`HDFS ${op} ${describe(p)}: ${why}`);
  }

  async function json<T>(res: Response): Promise<T> {
    return (await res.json()) as T;
  }

  async function create(file: string): Promise<ByteStream> {
    const target = normalize(file);
    // Named as atomic-file.ts names local ones, so that the sinks' stale-temp cleanup (delete-previous.ts) knows it.
    const temp = posix.join(posix.dirname(target), `.${posix.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const query: Query = { overwrite: 'true', ...(settings.replication ? { replication: String(settings.replication) } : {}) };
    // A standby namenode answers CREATE's first step with a redirect too (it only picks a datanode), and the
    // datanode then meets StandbyException: with several namenodes, a read call finds the active one first.
    if (roots.length > 1) await (await call('GET', 'GETFILESTATUS', '/')).body?.cancel();
    const redirect = await call('PUT', 'CREATE', temp, query, [307], roots.length > 1);
    await redirect.body?.cancel();
    const location = redirect.headers.get('location');
    if (!location) throw new HdfsError(`HDFS CREATE ${describe(temp)}: the namenode sent no datanode location`);
    const upload = datanodePut(location, agents, (why) => `HDFS CREATE ${describe(temp)} (datanode write) ${why}`);
    let bytes = 0;
    let ended = false;
    return {
      async write(chunk) {
        if (ended) throw new Error(`HDFS ${describe(target)}: write after commit or abort`);
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (buf.byteLength === 0) return;
        bytes += buf.byteLength;
        await upload.write(buf);
      },
      async commit() {
        if (ended) throw new Error(`HDFS ${describe(target)}: already committed or aborted`);
        ended = true;
        try {
          await upload.end();
          await (await call('PUT', 'RENAME', temp, { destination: target, renameoptions: 'OVERWRITE' })).body?.cancel();
        } catch (err) {
          await removeQuietly(temp);
          throw err;
        }
        return bytes;
      },
      async abort() {
        if (ended) return;
        ended = true;
        // The datanode, not the namenode, creates the file when the PUT reaches it, and closes it when the body
        // ends: a DELETE sent after a dropped connection can come first and leave the file behind. So the body is
        // ended and the datanode's answer awaited before the DELETE.
        await upload.end().catch(() => undefined);
        await removeQuietly(temp);
      },
    };
  }

  async function removeQuietly(p: string): Promise<void> {
    try {
      await (await call('DELETE', 'DELETE', p, { recursive: 'false' })).body?.cancel();
    } catch {
      // best effort: the caller's error is the one worth reporting
    }
  }

  return {
    kind: 'hdfs',
    describe,
    async makeDir(dir) {
      const res = await call('PUT', 'MKDIRS', dir);
      const answer = await json<{ boolean?: boolean }>(res);
      if (answer.boolean !== true) throw new HdfsError(`HDFS MKDIRS ${describe(dir)} failed: the namenode answered false`);
    },
    create,
    async *read(file) {
      const redirect = await call('GET', 'OPEN', file, {}, [307]);
      await redirect.body?.cancel();
      const location = redirect.headers.get('location');
      if (!location) throw new HdfsError(`HDFS OPEN ${describe(file)}: the namenode sent no datanode location`);
      // The datanode's GET answers without 100 Continue: fetch is fine here.
      let res: Response;
      try {
        res = await fetch(location);
      } catch (err) {
        throw new HdfsError(`HDFS OPEN ${describe(file)}: cannot reach its datanode: ${causeOf(err)}`);
      }
      if (res.status !== 200 || !res.body) throw new HdfsError(`HDFS OPEN ${describe(file)} (datanode read) failed: HTTP ${res.status}${(await remoteOf(res)).text}`, res.status);
      for await (const chunk of res.body) yield chunk as Uint8Array;
    },
    async exists(file) {
      const res = await call('GET', 'GETFILESTATUS', file, {}, [200, 404]);
      await res.body?.cancel();
      return res.status === 200;
    },
    async list(dir) {
      const res = await call('GET', 'LISTSTATUS', dir, {}, [200, 404]);
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      const answer = await json<{ FileStatuses: { FileStatus: { pathSuffix: string; type: string }[] } }>(res);
      return answer.FileStatuses.FileStatus.filter((s) => s.type === 'FILE').map((s) => s.pathSuffix);
    },
    async remove(file) {
      await (await call('DELETE', 'DELETE', file, { recursive: 'false' })).body?.cancel();
    },
    async removeDir(dir) {
      if (normalize(dir) === '/') throw new HdfsError('HDFS DELETE: refusing to remove the root directory');
      await (await call('DELETE', 'DELETE', dir, { recursive: 'true' })).body?.cancel();
    },
    async close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** An absolute, '/'-separated path without empty or "." segments; ".." is refused (a destination never climbs). */
function normalize(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new HdfsError(`HDFS path "${p}" contains ".."`);
  return `/${parts.join('/')}`;
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

/**
 * A WebHDFS error body: its RemoteException's exception name, and `text`, ": <exception>: <message>" (or a short
 * piece of whatever else came back) for messages.
 */
async function remoteOf(res: Response): Promise<{ exception?: string; text: string }> {
  const body = await res.text().catch(() => '');
  try {
    const remote = (JSON.parse(body) as { RemoteException?: { exception?: string; message?: string } }).RemoteException;
    if (remote) return { exception: remote.exception, text: `: ${remote.exception ?? 'RemoteException'}: ${remote.message ?? ''}` };
  } catch {
    // not JSON
  }
  const plain = body.replace(/\s+/g, ' ').trim();
  return { text: plain ? `: ${plain.slice(0, 200)}` : '' };
}

interface Upload {
  write(buf: Uint8Array): Promise<void>;
  /** Ends the body and waits for the datanode's 201. */
  end(): Promise<void>;
}

/** Bytes a datanode upload may hold in memory before write() waits for the connection to take them. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/** The datanode step of CREATE: one chunked PUT whose body is written as it comes, with back-pressure. */
function datanodePut(location: string, agents: { http: http.Agent; https: https.Agent }, say: (why: string) => string): Upload {
  const url = new URL(location);
  const secure = url.protocol === 'https:';
  const req = (secure ? https : http).request(url, {
    method: 'PUT',
    agent: secure ? agents.https : agents.http,
    headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
  });
  let failure: Error | undefined;
  const done = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode === 201) return resolve();
        const body = Buffer.concat(parts).toString('utf8');
        const fake = new Response(body, { status: res.statusCode ?? 500 });
        void remoteOf(fake).then((m) => reject(new HdfsError(say(`failed: HTTP ${res.statusCode}${m.text}`), res.statusCode)));
      });
    });
    req.on('error', (err) => reject(new HdfsError(say(`failed: ${causeOf(err)}`))));
  });
  // Recorded at once so that a write after a failed response says why, and no rejection goes unhandled.
  done.catch((err: Error) => {
    failure = err;
  });
  return {
    async write(buf) {
      if (failure) throw failure;
      // Waiting for 'drain' at Node's 16 KiB mark would idle the connection after every chunk; up to
      // MAX_BUFFERED bytes may wait in the socket's queue instead, still a bound on memory.
      req.write(buf);
      if (req.writableLength <= MAX_BUFFERED) return;
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          req.off('close', onClose);
          resolve();
        };
        const onClose = () => {
          req.off('drain', onDrain);
          // The final error arrives with 'response'/'error', which may follow 'close' by a tick.
          done.then(() => reject(new HdfsError(say('failed: the datanode closed the connection'))), reject);
        };
        req.once('drain', onDrain);
        req.once('close', onClose);
      });
    },
    async end() {
      if (failure) {
        req.destroy();
        throw failure;
      }
      req.end();
      await done;
    },
  };
}
