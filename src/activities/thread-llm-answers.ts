/**
 * Recorded LLM answers across a thread's message channel: a generator thread has no NATS connection, so its
 * lookups and records (one each per chunk) go to the thread's owner, which answers from its port. Both ends here.
 */
import type { MessagePort } from 'node:worker_threads';
import type { LlmAnswers } from '../ports/llm-answers.js';

/** From the thread: look up `get`, or record `put`. */
export interface LlmAnswersRequest {
  llmAnswers: number;
  get?: string[];
  put?: Array<[string, string]>;
}

/** To the thread: what was found, or why the store failed. */
export interface LlmAnswersReply {
  llmAnswersReply: number;
  found?: Array<[string, string]>;
  error?: string;
}

type Port = Pick<MessagePort, 'postMessage'>;

/** The thread's end: an LlmAnswers whose calls are requests to the owner. */
export class ThreadLlmAnswers implements LlmAnswers {
  private readonly waiting = new Map<number, { resolve: (found: Array<[string, string]>) => void; reject: (e: Error) => void }>();
  private next = 1;

  constructor(private readonly port: Port) {}

  async get(keys: readonly string[]): Promise<Map<string, string>> {
    return new Map(await this.request({ get: [...keys] }));
  }

  async put(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await this.request({ put: entries.map(([k, v]) => [k, v]) });
  }

  /** Settles the request a reply is for; answers whether the message was one. */
  onMessage(msg: unknown): boolean {
    if (!msg || typeof msg !== 'object' || !('llmAnswersReply' in msg)) return false;
    const reply = msg as LlmAnswersReply;
    const w = this.waiting.get(reply.llmAnswersReply);
    this.waiting.delete(reply.llmAnswersReply);
    if (reply.error !== undefined) w?.reject(new Error(`the recorded LLM answers could not be read or written: ${reply.error}`));
    else w?.resolve(reply.found ?? []);
    return true;
  }

  private request(body: Omit<LlmAnswersRequest, 'llmAnswers'>): Promise<Array<[string, string]>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ llmAnswers: id, ...body } satisfies LlmAnswersRequest);
    });
  }
}

/** The owner's end: answers a thread's request from `answers` (none: nothing recorded, nothing found). */
export async function answerLlmRequest(req: LlmAnswersRequest, answers: LlmAnswers | undefined, port: Port): Promise<void> {
  try {
    let found: Array<[string, string]> = [];
    if (req.get && answers) found = [...(await answers.get(req.get))];
    if (req.put && answers) await answers.put(req.put);
    port.postMessage({ llmAnswersReply: req.llmAnswers, found } satisfies LlmAnswersReply);
  } catch (err) {
    port.postMessage({ llmAnswersReply: req.llmAnswers, error: (err as Error)?.message ?? String(err) } satisfies LlmAnswersReply);
  }
}
