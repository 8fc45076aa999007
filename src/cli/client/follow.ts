/**
 * Follows one command until it is terminal: the SSE stream /command/events when the service offers it,
 * polling /command/getCommandStatus otherwise (older service, proxy that buffers streams, dropped stream).
 */
import type { DatagenClient } from './api.js';
import { ApiError } from './errors.js';
import { readSse } from './sse.js';
import { isTerminal, type LiveEvent, type StatusView } from './types.js';

export interface FollowOptions {
  pollMs?: number;
  /** Stops following: the stream is closed and polling ends with an AbortError. */
  signal?: AbortSignal;
  /** Called with every new status view (and the event behind it when streaming). */
  onStatus: (status: StatusView, event?: LiveEvent) => void;
}

export async function followCommand(client: DatagenClient, uuid: string, opts: FollowOptions): Promise<StatusView> {
  const streamed = await followStream(client, uuid, opts);
  return streamed ?? pollUntilTerminal(client, uuid, opts);
}

/** The terminal status from the event stream, or undefined when streaming is unavailable or ended early. */
async function followStream(client: DatagenClient, uuid: string, opts: FollowOptions): Promise<StatusView | undefined> {
  const abort = new AbortController();
  opts.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  let res: Response;
  try {
    res = await client.events(uuid, abort.signal);
  } catch (err) {
    // 404/405 from a service without the route: poll instead. Other errors (401, 403) are real.
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return undefined;
    throw err;
  }
  if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    abort.abort();
    return undefined;
  }
  try {
    for await (const msg of readSse(res.body)) {
      const event = parseLiveEvent(msg.data);
      if (!event?.status) continue;
      opts.onStatus(event.status, event);
      if (isTerminal(event.status.status)) return event.status;
    }
  } catch {
    // the stream broke (service restarted, proxy timeout): polling takes over
  } finally {
    abort.abort();
  }
  return undefined;
}

function parseLiveEvent(data: string): LiveEvent | undefined {
  try {
    return JSON.parse(data) as LiveEvent;
  } catch {
    return undefined;
  }
}

async function pollUntilTerminal(client: DatagenClient, uuid: string, opts: FollowOptions): Promise<StatusView> {
  const pollMs = opts.pollMs ?? 250;
  let last = '';
  for (;;) {
    opts.signal?.throwIfAborted();
    const status = await client.status(uuid);
    const key = `${status.status}/${status.batchesCompleted}/${status.rowsWritten}`;
    if (key !== last) {
      last = key;
      opts.onStatus(status);
    }
    if (isTerminal(status.status)) return status;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
