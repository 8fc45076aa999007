/** What every commands' LLM spend adapter does. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { LlmSpend } from '../../src/ports/llm-spend.js';

/** `open` gives a spend on the same storage each time (another process of the deployment). */
export function llmSpendContract(adapter: string, open: () => Promise<LlmSpend>): void {
  const title = (what: string) => `${adapter} LLM spend: ${what}`;

  test(title('concurrent takers in two processes count exactly the budget\'s calls, no more'), async (t) => {
    const [a, b] = [await open(), await open()];
    const command = randomUUID();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).takeCall(command, { maxCalls: 5 })));
    t.is(results.filter((r) => r.taken).length, 5);
    t.deepEqual((await a.takeCall(command, { maxCalls: 5 })), { taken: false, spent: { calls: 5, tokens: 0 } });
  });

  test(title('once the token budget is used no call is taken; commands are counted apart; no budget takes every call'), async (t) => {
    const [a, b] = [await open(), await open()];
    const [c1, c2] = [randomUUID(), randomUUID()];
    t.true((await a.takeCall(c1, { maxTokens: 10 })).taken);
    await a.addTokens(c1, 4);
    await b.addTokens(c1, 6);
    t.deepEqual(await b.takeCall(c1, { maxTokens: 10 }), { taken: false, spent: { calls: 1, tokens: 10 } });
    t.deepEqual(await b.takeCall(c2, { maxTokens: 10 }), { taken: true, spent: { calls: 1, tokens: 0 } });
    t.deepEqual(await a.takeCall(c2, {}), { taken: true, spent: { calls: 2, tokens: 0 } });
  });
}
