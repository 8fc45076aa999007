/**
 * LOCAL_LLM calls of a generator thread, answered by its process: the GGUF model is loaded once per process (not
 * once per thread: one copy of the model in memory), and a generator thread may be terminated (idle, over its time
 * budget, out of memory), which node-llama-cpp does not survive (the process aborts when a thread holding a loaded
 * model is terminated). The thread sends the call's settings (its file already confined and resolved there) and
 * prompt; a stop or time-out of the call cancels it in the process. Both ends here.
 */
import { callLocalLlm } from '../llm/local-llm.js';
import type { LlmCallSettings } from '../llm/call-settings.js';
import type { LlmCall } from '../llm/provider.js';
import { ChannelRequests, type Port } from './channel-requests.js';

/** From the thread: one call. */
export interface LocalLlmRequest {
  localLlm: number;
  settings: LlmCallSettings;
  prompt: string;
  seed?: number;
}

/** From the thread: stop call `localLlmCancel` (no reply but the call's own, failed). */
export interface LocalLlmCancel {
  localLlmCancel: number;
  timedOut: boolean;
}

/** To the thread: the answer, or why there is none. */
export interface LocalLlmReply {
  localLlmReply: number;
  text?: string;
  tokens?: number;
  error?: string;
}

/** The thread's end: an LlmCall whose calls are requests to the process. */
export class ThreadLocalLlm {
  private readonly requests: ChannelRequests<LocalLlmReply>;

  constructor(private readonly port: Port) {
    this.requests = new ChannelRequests(port, 'localLlm', 'localLlmReply', (e) => e);
  }

  readonly call: LlmCall = async (settings, p) => {
    p.signal.throwIfAborted();
    let id = 0;
    const cancel = () => this.port.postMessage({ localLlmCancel: id, timedOut: p.signal.reason?.name === 'TimeoutError' } satisfies LocalLlmCancel);
    p.signal.addEventListener('abort', cancel, { once: true });
    try {
      const reply = await this.requests.send({ settings, prompt: p.prompt, ...(p.seed !== undefined ? { seed: p.seed } : {}) }, (n) => { id = n; });
      return { text: reply.text ?? '', tokens: reply.tokens ?? 0 };
    } finally {
      p.signal.removeEventListener('abort', cancel);
    }
  };

  onMessage(msg: unknown): boolean {
    return this.requests.onMessage(msg);
  }
}

/** The process's end for one thread: runs its calls on the process's models; a thread that dies has its calls stopped. */
export class LocalLlmHost {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly port: Port, private readonly call: LlmCall = callLocalLlm) {}

  /** Handles a message from the thread; answers whether it was one of these. */
  onMessage(msg: unknown): boolean {
    if (!msg || typeof msg !== 'object') return false;
    if ('localLlmCancel' in msg) {
      const { localLlmCancel, timedOut } = msg as LocalLlmCancel;
      this.running.get(localLlmCancel)?.abort(timedOut ? new DOMException('the call timed out', 'TimeoutError') : new Error('the batch stopped'));
      return true;
    }
    if (!('localLlm' in msg)) return false;
    void this.answer(msg as LocalLlmRequest);
    return true;
  }

  close(): void {
    for (const stop of this.running.values()) stop.abort(new Error('the generator thread stopped'));
    this.running.clear();
  }

  private async answer(req: LocalLlmRequest): Promise<void> {
    const stop = new AbortController();
    this.running.set(req.localLlm, stop);
    try {
      const answer = await this.call(req.settings, { prompt: req.prompt, signal: stop.signal, ...(req.seed !== undefined ? { seed: req.seed } : {}) });
      this.port.postMessage({ localLlmReply: req.localLlm, text: answer.text, tokens: answer.tokens } satisfies LocalLlmReply);
    } catch (err) {
      this.port.postMessage({ localLlmReply: req.localLlm, error: (err as Error)?.message ?? String(err) } satisfies LocalLlmReply);
    } finally {
      this.running.delete(req.localLlm);
    }
  }
}
