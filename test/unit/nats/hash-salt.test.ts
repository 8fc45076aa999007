/**
 * The deployment's salt, made by the first opener and read by the rest: the retries around a create that conflicted
 * or went unanswered and a read that found nothing yet (what a JetStream cluster electing a leader gives), against a
 * scripted bucket. The real buckets are in test/integration/nats-cluster-reads.test.ts.
 */
import test from 'ava';
import { hashSalt } from '../../../src/nats/hash-salt.js';

type Step = 'ok' | 'conflict' | 'timeout' | 'denied';
const entry = (value: string) => ({ operation: 'PUT' as const, length: value.length, string: () => value });
const failure = (step: Step): Error | undefined =>
  step === 'conflict' ? Object.assign(new Error('wrong last sequence: 1'), { code: 10071 })
    : step === 'timeout' ? new Error('TimeoutError: timeout')
      : step === 'denied' ? new Error('Permissions Violation for Publish to "$KV.datagen_model_secrets.hash-salt"')
        : undefined;

/** A bucket whose creates answer `creates` in turn (then 'conflict') and whose reads see the stored value only after `missedReads`. */
function scripted(creates: Step[], missedReads: number, existing?: string) {
  let stored = existing;
  let reads = 0;
  const calls = { creates: 0, reads: 0 };
  return {
    calls,
    async create(_key: string, value: string) {
      const step = creates[calls.creates++] ?? 'conflict';
      const err = failure(step === 'ok' && stored !== undefined ? 'conflict' : step);
      if (step === 'timeout') stored ??= value; // stored, but the answer was lost
      if (err) throw err;
      stored = value;
      return 1;
    },
    async get() {
      calls.reads++;
      return reads++ < missedReads || stored === undefined ? null : entry(stored);
    },
  };
}

test('the first opener stores a salt and returns it', async (t) => {
  const kv = scripted(['ok'], 0);
  const salt = await hashSalt(kv as never, 'hash-salt');
  t.regex(salt, /^[0-9a-f]{64}$/);
  t.is(kv.calls.creates, 1);
});

test('a later opener gets a conflict and reads the salt already there', async (t) => {
  const kv = scripted(['conflict'], 0, 'a'.repeat(64));
  t.is(await hashSalt(kv as never, 'hash-salt'), 'a'.repeat(64));
});

test('a create whose answer was lost and reads that miss it at first: tried again until the stored salt reads back', async (t) => {
  const kv = scripted(['timeout', 'timeout'], 2);
  const salt = await hashSalt(kv as never, 'hash-salt');
  t.regex(salt, /^[0-9a-f]{64}$/);
  t.true(kv.calls.reads >= 3);
  // Every later opener agrees on it.
  t.is(await hashSalt(kv as never, 'hash-salt'), salt);
});

test('a salt that never reads back fails the start after the wait, saying which key and why', async (t) => {
  const kv = scripted([], Number.POSITIVE_INFINITY, 'b'.repeat(64));
  const err = await t.throwsAsync(hashSalt(kv as never, 'hash-salt', 600));
  t.regex(err!.message, /gave no hash-salt within 0\.6 s.*wrong last sequence/);
});

test('a failure that is no conflict and no election (no permission) is not retried', async (t) => {
  const kv = scripted(['denied'], 0);
  const err = await t.throwsAsync(hashSalt(kv as never, 'hash-salt'));
  t.regex(err!.message, /Permissions Violation/);
  t.is(kv.calls.creates, 1);
  t.is(kv.calls.reads, 0);
});
