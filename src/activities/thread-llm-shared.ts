/**
 * The deployment-wide LLM permits and spend (src/ports/llm-permits.ts, llm-spend.ts) across a thread's message
 * channel: a generator thread has no NATS connection, so it asks its owner, which holds the permits (renewing
 * their leases on its own event loop) and gives back those of a thread that dies. Both ends here.
 */
import type { LlmPermit, LlmPermits } from '../ports/llm-permits.js';
import type { BudgetLimits, LlmSpend, LlmSpent } from '../ports/llm-spend.js';
import { ChannelRequests, type Port } from './channel-requests.js';

/** The deployment's shared LLM state a process hands its generator threads. */
export interface LlmShared {
  permits: LlmPermits;
  spend: LlmSpend;
}

/** From the thread: one of these per request. */
export interface LlmSharedRequest {
  llmShared: number;
  acquire?: { endpoint: string; limit: number };
  release?: number;
  takeCall?: { command: string; limits: BudgetLimits };
  addTokens?: { command: string; tokens: number };
}

/** From the thread: stop waiting for the permit of request `llmSharedCancel` (no reply). */
export interface LlmSharedCancel {
  llmSharedCancel: number;
}

/** To the thread: the permit granted, the call taken or not, or why it failed. */
export interface LlmSharedReply {
  llmSharedReply: number;
  permit?: number;
  taken?: { taken: boolean; spent: LlmSpent };
  error?: string;
}

/** The thread's end: permits and spend whose calls are requests to the owner. */
export class ThreadLlmShared implements LlmShared {
  private readonly requests: ChannelRequests<LlmSharedReply>;
  readonly permits: LlmPermits = { acquire: (endpoint, limit, signal) => this.acquire(endpoint, limit, signal) };
  readonly spend: LlmSpend = {
    takeCall: async (command, limits) => (await this.requests.send({ takeCall: { command, limits } })).taken!,
    addTokens: async (command, tokens) => void (await this.requests.send({ addTokens: { command, tokens } })),
  };

  constructor(private readonly port: Port) {
    this.requests = new ChannelRequests(port, 'llmShared', 'llmSharedReply', (e) => `the deployment's LLM permits or budget could not be used: ${e}`);
  }

  onMessage(msg: unknown): boolean {
    return this.requests.onMessage(msg);
  }

  /** A stop while waiting cancels the wait; a permit granted meanwhile is given back at once. */
  private async acquire(endpoint: string, limit: number, signal?: AbortSignal): Promise<LlmPermit> {
    signal?.throwIfAborted();
    let id = 0;
    const cancel = () => this.port.postMessage({ llmSharedCancel: id } satisfies LlmSharedCancel);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const { permit } = await this.requests.send({ acquire: { endpoint, limit } }, (n) => { id = n; });
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        await this.requests.send({ release: permit! });
      };
      if (signal?.aborted) {
        await release();
        signal.throwIfAborted();
      }
      return { release };
    } catch (err) {
      signal?.throwIfAborted();
      throw err;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }
}

/** The owner's end for one thread: answers its requests from `shared`, and gives back what it holds when it dies. */
export class LlmSharedHost {
  private readonly held = new Map<number, LlmPermit>();
  private readonly waiting = new Map<number, AbortController>();
  private nextPermit = 1;
  private closed = false;

  constructor(private readonly shared: LlmShared | undefined, private readonly port: Port) {}

  /** Handles a message from the thread; answers whether it was one of these. */
  onMessage(msg: unknown): boolean {
    if (!msg || typeof msg !== 'object') return false;
    if ('llmSharedCancel' in msg) {
      this.waiting.get((msg as LlmSharedCancel).llmSharedCancel)?.abort(new Error('the batch stopped'));
      return true;
    }
    if (!('llmShared' in msg)) return false;
    void this.answer(msg as LlmSharedRequest);
    return true;
  }

  /** The thread is gone: its waits end and its permits are released. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.values()) w.abort(new Error('the generator thread stopped'));
    const permits = [...this.held.values()];
    this.held.clear();
    await Promise.all(permits.map((p) => p.release().catch(() => {})));
  }

  private async answer(req: LlmSharedRequest): Promise<void> {
    const reply = (body: Omit<LlmSharedReply, 'llmSharedReply'>) => this.port.postMessage({ llmSharedReply: req.llmShared, ...body } satisfies LlmSharedReply);
    try {
      if (!this.shared) throw new Error('this process has no shared LLM state');
      if (req.acquire) return reply({ permit: await this.acquire(req.llmShared, req.acquire) });
      if (req.release !== undefined) {
        const permit = this.held.get(req.release);
        this.held.delete(req.release);
        await permit?.release();
        return reply({});
      }
      if (req.takeCall) return reply({ taken: await this.shared.spend.takeCall(req.takeCall.command, req.takeCall.limits) });
      if (req.addTokens) await this.shared.spend.addTokens(req.addTokens.command, req.addTokens.tokens);
      reply({});
    } catch (err) {
      reply({ error: (err as Error)?.message ?? String(err) });
    }
  }

  private async acquire(id: number, { endpoint, limit }: { endpoint: string; limit: number }): Promise<number> {
    const stop = new AbortController();
    this.waiting.set(id, stop);
    try {
      const permit = await this.shared!.permits.acquire(endpoint, limit, stop.signal);
      if (this.closed) {
        await permit.release();
        throw new Error('the generator thread stopped');
      }
      const n = this.nextPermit++;
      this.held.set(n, permit);
      return n;
    } finally {
      this.waiting.delete(id);
    }
  }
}
