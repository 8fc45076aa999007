/**
 * Requests from a generator thread to its owner over the thread's message channel, each answered by one reply
 * carrying the request's number: the thread's end of the recorded LLM answers and of the shared LLM permits and
 * spend (the thread has no NATS connection).
 */
import type { MessagePort } from 'node:worker_threads';

export type Port = Pick<MessagePort, 'postMessage'>;

export class ChannelRequests<Reply extends { error?: string }> {
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (e: Error) => void }>();
  private next = 1;

  /** `tag`: the property numbering requests; `replyTag`: the one numbering replies; `failure`: the text of an error. */
  constructor(private readonly port: Port, private readonly tag: string, private readonly replyTag: string, private readonly failure: (error: string) => string) {}

  /** Posts `body` numbered; settles with its reply. `onId` hears the number before it is posted. */
  send(body: object, onId?: (id: number) => void): Promise<Reply> {
    const id = this.next++;
    onId?.(id);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ [this.tag]: id, ...body });
    });
  }

  /** Settles the request a reply is for; answers whether the message was one of these replies. */
  onMessage(msg: unknown): boolean {
    if (!msg || typeof msg !== 'object' || !(this.replyTag in msg)) return false;
    const reply = msg as Reply & Record<string, number>;
    const id = reply[this.replyTag]!;
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    if (reply.error !== undefined) w?.reject(new Error(this.failure(reply.error)));
    else w?.resolve(reply);
    return true;
  }
}
