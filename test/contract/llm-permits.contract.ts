/** What every deployment-wide LLM permits adapter does. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { LlmPermit, LlmPermits } from '../../src/ports/llm-permits.js';

/** A process of the deployment: its permits on the shared storage, and a way to kill it (it stops renewing). */
export interface PermitsHolder {
  permits: LlmPermits;
  kill(): Promise<void>;
}

const endpoint = () => `e${randomUUID().replaceAll('-', '')}`;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Settles with `p`, or rejects after `ms`: a waiter that never gets its permit fails the test instead of hanging it. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, delay(ms).then(() => { throw new Error(`${what} not settled after ${ms} ms`); })]);
}

export function llmPermitsContract(adapter: string, open: () => Promise<PermitsHolder>, leaseMs: number): void {
  const title = (what: string) => `${adapter} LLM permits: ${what}`;
  const bound = leaseMs * 20;

  test(title('at most `limit` permits held at once across processes, also past the lease (renewed); a release lets the waiter in'), async (t) => {
    const [a, b] = [await open(), await open()];
    const e = endpoint();
    const held = [await a.permits.acquire(e, 2), await b.permits.acquire(e, 2)];
    let third: LlmPermit | undefined;
    const waiting = a.permits.acquire(e, 2).then((p) => (third = p));
    await delay(leaseMs * 2.5);
    t.is(third, undefined, 'a third permit was granted while two were held');
    await held[0]!.release();
    await within(waiting, bound, 'the waiter');
    t.truthy(third);
    await Promise.all([held[1]!.release(), third!.release()]);
  });

  test(title('endpoints have their own permits; a released permit is free at once, and releasing twice is harmless'), async (t) => {
    const a = await open();
    const [e1, e2] = [endpoint(), endpoint()];
    const p1 = await a.permits.acquire(e1, 1);
    const p2 = await within(a.permits.acquire(e2, 1), bound, 'the other endpoint');
    await p1.release();
    await p1.release();
    const again = await within(a.permits.acquire(e1, 1), bound, 'the released permit');
    t.truthy(again);
    await Promise.all([p2.release(), again.release()]);
  });

  test(title('the permit of a holder that died comes back within its lease'), async (t) => {
    const [dead, alive] = [await open(), await open()];
    const e = endpoint();
    await dead.permits.acquire(e, 1);
    await dead.kill();
    const taken = await within(alive.permits.acquire(e, 1), bound, 'the dead holder\'s permit');
    t.truthy(taken);
    await taken.release();
  });

  test(title('a wait that is aborted rejects with the abort\'s reason and takes nothing'), async (t) => {
    const [a, b] = [await open(), await open()];
    const e = endpoint();
    const holder = await a.permits.acquire(e, 1);
    const stop = new AbortController();
    const waiting = b.permits.acquire(e, 1, stop.signal);
    stop.abort(new Error('the batch stopped'));
    await t.throwsAsync(waiting, { message: 'the batch stopped' });
    await holder.release();
    const next = await within(b.permits.acquire(e, 1), bound, 'the permit after the abort');
    await next.release();
  });
}
