/** What every snapshot store adapter does: the last snapshot of a name, whole, from any opening of the store. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { SnapshotStore } from '../../src/ports/snapshot-store.js';

/** `open` gives a store on the same storage each time (another process of the deployment). */
export function snapshotStoreContract(adapter: string, open: () => Promise<SnapshotStore>): void {
  const title = (what: string) => `${adapter} snapshot store: ${what}`;

  // Serial (before the concurrent tests): they must not delay the lease buckets' timed tests in the same file.
  test.serial(title('a saved snapshot reads back whole from another opening; an unknown name reads as none'), async (t) => {
    const name = `read-model-${randomUUID()}`;
    const state = JSON.stringify({ commands: [['a', { comment: 'line\nbreak, "quotes", emoji 🎲, lone \ud800' }]] });
    await (await open()).save(name, { version: 'v1', seq: 42, state });
    t.deepEqual(await (await open()).load(name), { version: 'v1', seq: 42, state });
    t.is(await (await open()).load(`missing-${randomUUID()}`), undefined);
  });

  test.serial(title('a second save replaces the first'), async (t) => {
    const store = await open();
    const name = `orchestrator-${randomUUID()}`;
    await store.save(name, { version: 'v1', seq: 1, state: '{"n":1}' });
    await store.save(name, { version: 'v2', seq: 9, state: '{"n":2}' });
    t.deepEqual(await (await open()).load(name), { version: 'v2', seq: 9, state: '{"n":2}' });
  });

  test.serial(title('a state larger than a NATS message (over 1 MiB) round-trips'), async (t) => {
    const name = `large-${randomUUID()}`;
    const state = JSON.stringify(Array.from({ length: 25_000 }, (_, i) => ({ i, uuid: randomUUID(), status: 'FINISHED' })));
    t.true(state.length > 1.5 * 1024 * 1024);
    await (await open()).save(name, { version: 'v1', seq: 123_456, state });
    const loaded = await (await open()).load(name);
    t.is(loaded?.seq, 123_456);
    t.is(loaded?.state.length, state.length);
    t.true(loaded?.state === state);
  });
}
