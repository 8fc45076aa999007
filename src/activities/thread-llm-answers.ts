/**
 * Recorded LLM answers across a thread's message channel: a generator thread has no NATS connection, so its
 * lookups and records (one each per chunk) go to the thread's owner, which answers from its port. Both ends here.
 */
import type { LlmAnswers } from '../ports/llm-answers.js';
import { ChannelRequests, type Port } from './channel-requests.js';

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

/** The thread's end: an LlmAnswers whose calls are requests to the owner. */
export class ThreadLlmAnswers implements LlmAnswers {
  private readonly requests: ChannelRequests<LlmAnswersReply>;

  constructor(port: Port) {
    this.requests = new ChannelRequests(port, 'llmAnswers', 'llmAnswersReply', (e) => `the recorded LLM answers could not be read or written: ${e}`);
  }

  async get(keys: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.requests.send({ get: [...keys] })).found ?? []);
  }

  async put(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await this.requests.send({ put: entries.map(([k, v]) => [k, v]) });
  }

  /** Settles the request a reply is for; answers whether the message was one. */
  onMessage(msg: unknown): boolean {
    return this.requests.onMessage(msg);
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
