/**
 * The deployment-wide LLM limit and budget without servers: the run settings, the endpoint key, two actors filling
 * chunks on the same in-memory permits and spend (calls overlap no more than the shared limit; the budget stops
 * them both at its count), and the thread channel (a thread's permits come back when its owner closes it).
 */
import test from 'ava';
import { MessageChannel } from 'node:worker_threads';
import { LlmSharedHost, ThreadLlmShared } from '../../../src/activities/thread-llm-shared.js';
import { LlmBudgetExceeded } from '../../../src/llm/budget.js';
import { llmCallSettings } from '../../../src/llm/call-settings.js';
import { llmEndpointKey } from '../../../src/llm/endpoint-key.js';
import { fillLlmColumns, type LlmFillContext } from '../../../src/llm/fill.js';
import type { LlmCall } from '../../../src/llm/provider.js';
import { llmRunSettings } from '../../../src/llm/run-settings.js';
import { SharedLlmBudget } from '../../../src/llm/shared-budget.js';
import { inMemoryLlmPermits } from '../../../src/memory/memory-llm-permits.js';
import { InMemoryLlmSpend } from '../../../src/memory/memory-llm-spend.js';
import { readLlmSpec } from '../../../src/model/llm-spec.js';
import type { LlmColumn, Row } from '../../../src/model/types.js';
import type { LlmPermits } from '../../../src/ports/llm-permits.js';
import type { LlmSpend } from '../../../src/ports/llm-spend.js';

test('DATAGEN_LLM_ENDPOINT_CONCURRENCY: absent is no shared limit; a positive integer is one; anything else a 400 naming it', (t) => {
  t.is(llmRunSettings({}).endpointConcurrency, undefined);
  t.is(llmRunSettings({ DATAGEN_LLM_ENDPOINT_CONCURRENCY: '3' }).endpointConcurrency, 3);
  t.throws(() => llmRunSettings({ DATAGEN_LLM_ENDPOINT_CONCURRENCY: '0' }), { message: /DATAGEN_LLM_ENDPOINT_CONCURRENCY must be an integer ≥ 1, got "0"/ });
});

test('the endpoint key: one per (type, URL, model), showing neither the URL nor the API key', (t) => {
  const spec = (extra: Record<string, unknown>) => readLlmSpec({ request: 'hi', url: 'https://llm.example/v1?key=hush', model_type: 'm1', ...extra }, 'OPEN_AI', 'f', 'F');
  const key = llmEndpointKey(llmCallSettings(spec({ password: 'sk-one' }), {}));
  t.is(llmEndpointKey(llmCallSettings(spec({ password: 'sk-two', temperature: 0.1 }), {})), key);
  t.not(llmEndpointKey(llmCallSettings(spec({ model_type: 'm2' }), {})), key);
  t.regex(key, /^e[0-9a-f]{32}$/);
});

/** A model call that counts the calls in flight at once, answering after a few turns of the event loop. */
function overlapCounter(): { call: LlmCall; peak: () => number; calls: () => number } {
  let now = 0;
  let peak = 0;
  let calls = 0;
  const call: LlmCall = async (_s, p) => {
    calls++;
    peak = Math.max(peak, ++now);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    now--;
    return { text: `answer to ${p.prompt}`, tokens: 3 };
  };
  return { call, peak: () => peak, calls: () => calls };
}

const column: LlmColumn = { name: 'review', path: 'Fields[0]', spec: readLlmSpec({ request: '${city}', url: 'http://127.0.0.1:11434', model_type: 'tiny' }, 'OLLAMA', 'review', 'Fields[0]') };

function actor(call: LlmCall, props: Record<string, string>, shared?: { permits: LlmPermits; spend: LlmSpend }): LlmFillContext {
  const run = llmRunSettings(props);
  return {
    properties: props, allowedUrls: ['http://127.0.0.1:11434/'], run, call: () => call,
    budget: new SharedLlmBudget(shared?.spend ?? new InMemoryLlmSpend(), 'cmd-1', run.budget),
    ...(shared ? { permits: shared.permits } : {}),
    cache: new Map(), stats: { calls: 0, tokens: 0 }, sleep: async () => {},
  };
}

const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ review: `row ${i}` }));

test('two actors at concurrency 4 on the same permits: calls to the endpoint overlap no more than DATAGEN_LLM_ENDPOINT_CONCURRENCY (without it, they do)', async (t) => {
  const props = { DATAGEN_LLM_CONCURRENCY: '4', DATAGEN_LLM_ENDPOINT_CONCURRENCY: '2' };
  const limited = overlapCounter();
  const shared = { permits: inMemoryLlmPermits(5000), spend: new InMemoryLlmSpend() };
  await Promise.all([0, 8].map((first) => fillLlmColumns(rows(8), first, [column], actor(limited.call, props, shared))));
  t.is(limited.calls(), 16);
  t.is(limited.peak(), 2);
  const free = overlapCounter();
  await Promise.all([0, 8].map((first) => fillLlmColumns(rows(8), first, [column], actor(free.call, { DATAGEN_LLM_CONCURRENCY: '4' }, shared))));
  t.is(free.peak(), 8);
});

test('a budget of 5 calls shared by two actors makes 5 calls in all, and a batch past it fails naming the budget', async (t) => {
  const props = { DATAGEN_LLM_MAX_CALLS: '5', DATAGEN_LLM_CONCURRENCY: '1' };
  const counter = overlapCounter();
  const shared = { permits: inMemoryLlmPermits(5000), spend: new InMemoryLlmSpend() };
  const outcomes = await Promise.allSettled([0, 4].map((first) => fillLlmColumns(rows(4), first, [column], actor(counter.call, props, shared))));
  t.is(counter.calls(), 5);
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  // Interleaved, both actors may have rows left when the count runs out: each of their batches fails the same way.
  t.true(failed.length >= 1);
  t.true(failed.every((f) => f.reason instanceof LlmBudgetExceeded));
  t.regex(failed[0]!.reason.message, /LLM budget of 5 calls is spent \(DATAGEN_LLM_MAX_CALLS, counted across all its workers\)/);
});

test('through a thread\'s channel: permits and spend reach the owner\'s; a cancelled wait takes nothing; a closed thread\'s permits come back', async (t) => {
  const { port1, port2 } = new MessageChannel();
  const owner = { permits: inMemoryLlmPermits(60_000), spend: new InMemoryLlmSpend() };
  const host = new LlmSharedHost(owner, port1);
  const thread = new ThreadLlmShared(port2);
  port1.on('message', (m) => host.onMessage(m));
  port2.on('message', (m) => thread.onMessage(m));
  t.teardown(() => { port1.close(); port2.close(); });

  t.deepEqual(await thread.spend.takeCall('c', { maxCalls: 1 }), { taken: true, spent: { calls: 1, tokens: 0 } });
  t.false((await owner.spend.takeCall('c', { maxCalls: 1 })).taken);

  const held = await thread.permits.acquire('e1', 1);
  const stop = new AbortController();
  const waiting = thread.permits.acquire('e1', 1, stop.signal);
  stop.abort(new Error('stopped'));
  await t.throwsAsync(waiting, { message: 'stopped' });
  await held.release();
  const direct = await owner.permits.acquire('e1', 1);
  await direct.release();

  await thread.permits.acquire('e2', 1);
  await host.close();
  const back = await owner.permits.acquire('e2', 1);
  t.truthy(back);
  await back.release();
});
