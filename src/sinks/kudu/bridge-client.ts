/**
 * This thread's connection to the process's Kudu bridge (bridge-host.ts): one Unix-socket connection per
 * thread, requests sent one at a time, each answered before the next goes (the back-pressure: a batch's next
 * chunk is encoded once the bridge has applied the last). When the bridge dies, every pending request fails
 * (its batch is redelivered) and the next request asks the host again, which starts a new bridge.
 */
import net from 'node:net';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import { readAnswer, type Answer } from './frames.js';
import { HOST_CHANNEL, bridgeSocket, type HostAnswer, type HostRequest } from './bridge-host.js';

/** How long a thread waits for the main thread to answer where the bridge is (it may be building it). */
const ASK_TIMEOUT_MS = 10 * 60_000;

let asked = 0;

async function askSocket(dir: string, stale?: string): Promise<string> {
  if (isMainThread) return bridgeSocket(dir, stale);
  const id = threadId * 1_000_000 + ++asked;
  const channel = new BroadcastChannel(HOST_CHANNEL);
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no kudu bridge host answered in this process (the activities must call hostKuduBridge)')), ASK_TIMEOUT_MS);
      channel.onmessage = (event) => {
        const msg = (event as unknown as { data: unknown }).data as HostAnswer | HostRequest;
        if (!msg || typeof msg !== 'object' || !('answer' in msg) || msg.answer !== id) return;
        clearTimeout(timer);
        if ('socket' in msg) resolve(msg.socket);
        else reject(new Error(msg.error));
      };
      channel.postMessage({ ask: id, dir, ...(stale ? { stale } : {}) } satisfies HostRequest);
    });
  } finally {
    channel.close();
  }
}

class Connection {
  private readonly waiting: Array<{ resolve: (a: Answer) => void; reject: (e: Error) => void }> = [];
  private pending: Buffer = Buffer.alloc(0);
  closed: Error | undefined;
  /** Requests in turn: the bridge answers one connection's requests in order, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly sock: net.Socket) {
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err?: Error) => this.fail(new Error(`the kudu bridge closed the connection${err ? ` (${err.message})` : ''}: it exited or was killed`));
    sock.on('error', fail);
    sock.on('close', () => fail());
    sock.unref();
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 4) {
      const n = this.pending.readInt32BE(0);
      if (this.pending.length < 4 + n) return;
      const body = this.pending.subarray(4, 4 + n);
      this.pending = this.pending.subarray(4 + n);
      this.waiting.shift()?.resolve(readAnswer(body));
    }
  }

  private fail(err: Error): void {
    this.closed ??= err;
    for (const w of this.waiting.splice(0)) w.reject(err);
    this.sock.destroy();
  }

  request(frame: Buffer): Promise<Answer> {
    const run = () => new Promise<Answer>((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      this.waiting.push({ resolve, reject });
      this.sock.ref(); // an answer is due: keep the thread alive for it
      this.sock.write(frame);
    }).finally(() => {
      if (this.waiting.length === 0) this.sock.unref();
    });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  close(): void {
    this.sock.destroy();
  }
}

let connection: Promise<Connection> | undefined;

function connectTo(socket: string): Promise<Connection> {
  return new Promise<Connection>((resolve, reject) => {
    const sock = net.createConnection(socket);
    sock.once('connect', () => {
      sock.removeListener('error', reject);
      resolve(new Connection(sock));
    });
    sock.once('error', reject);
  });
}

async function connect(dir: string): Promise<Connection> {
  const socket = await askSocket(dir);
  try {
    return await connectTo(socket);
  } catch {
    // The bridge behind it died: the host replaces it.
    return connectTo(await askSocket(dir, socket));
  }
}

/** Sends one frame to the bridge and waits for its answer; a failed answer is thrown as its message. */
export async function bridgeRequest(dir: string, frame: Buffer): Promise<number> {
  let conn = connection ? await connection.catch(() => undefined) : undefined;
  if (!conn || conn.closed) {
    connection = connect(dir);
    connection.catch(() => {
      connection = undefined;
    });
    conn = await connection;
  }
  const answer = await conn.request(frame);
  if (!answer.ok) throw new Error(answer.message);
  return answer.rows;
}

/** Closes this thread's connection (tests, and a thread about to end). */
export async function closeBridgeConnection(): Promise<void> {
  const conn = await connection?.catch(() => undefined);
  connection = undefined;
  conn?.close();
}
