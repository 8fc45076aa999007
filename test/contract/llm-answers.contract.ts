/** What every recorded-LLM-answers adapter does. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { LlmAnswers } from '../../src/ports/llm-answers.js';

/** `open` gives a store on the same storage each time (another process of the deployment). */
export function llmAnswersContract(adapter: string, open: () => Promise<LlmAnswers>): void {
  const title = (what: string) => `${adapter} LLM answers: ${what}`;
  const key = () => `a.${randomUUID().replaceAll('-', '')}`;

  test(title('recorded answers read back byte for byte from another opening; keys never recorded are absent'), async (t) => {
    const [a, b, missing] = [key(), key(), key()];
    const text = 'Ünïcode — "quoted"\nsecond line ✓';
    await (await open()).put([[a, text], [b, '']]);
    const found = await (await open()).get([a, b, missing, a]);
    t.deepEqual([...found.entries()].sort(), [[a, text], [b, '']].sort());
    t.false(found.has(missing));
  });

  test(title('nothing asked, nothing found; a key recorded again keeps the last answer'), async (t) => {
    const store = await open();
    t.is((await store.get([])).size, 0);
    const k = key();
    await store.put([[k, 'one']]);
    await store.put([[k, 'two']]);
    t.is((await store.get([k])).get(k), 'two');
  });
}
