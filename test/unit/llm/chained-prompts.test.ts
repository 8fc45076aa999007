/**
 * An LLM field whose request names another LLM field is asked with that field's answer (the original computed its
 * fields in order): the generated prompt holds a mark there, the chunk is answered in waves. The model call is a
 * function of ours that echoes its prompt, so what each field was asked is in the rows.
 */
import test from 'ava';
import { fillLlmColumns, type LlmFillContext } from '../../../src/llm/fill.js';
import type { LlmCall } from '../../../src/llm/provider.js';
import { LlmBudget } from '../../../src/llm/budget.js';
import { llmRunSettings } from '../../../src/llm/run-settings.js';
import { compileModel } from '../../../src/model/compile.js';
import { llmWaves, withPlaceholders } from '../../../src/model/llm-chained-prompts.js';
import { parseModel } from '../../../src/model/parse.js';

const URL = 'http://127.0.0.1:11434';
const asked: string[] = [];
const echo: LlmCall = async (_s, p) => {
  asked.push(p.prompt);
  return { text: `<${p.prompt}>`, tokens: 1 };
};

const context = (): LlmFillContext => {
  const run = llmRunSettings({});
  return { properties: {}, allowedUrls: [`${URL}/`], run, call: () => echo, budget: new LlmBudget(run.budget), cache: new Map(), stats: { calls: 0, tokens: 0 }, sleep: async () => {} };
};

const MODEL = parseModel({
  model_name: 'chained',
  Fields: [
    { name: 'city', type: 'STRING', possible_values: ['Lima', 'Oslo'] },
    { name: 'review', type: 'OLLAMA', url: URL, request: 'A review of ${city}' },
    { name: 'summary', type: 'OLLAMA', url: URL, request: 'Summarise for ${city}: ${review}' },
    { name: 'title', type: 'OLLAMA', url: URL, request: 'A title for ${summary}, ${review}' },
  ],
});

test('a request naming another LLM field is asked with its answer, one wave per step of the chain', async (t) => {
  const generator = await compileModel(MODEL, { dataDirs: [] });
  const rows = generator.generate(7, 0, 3);
  t.deepEqual(llmWaves(generator.llmColumns!).map((w) => w.map((c) => c.name)), [['review'], ['summary'], ['title']]);
  t.is(withPlaceholders(String(rows[0]!.summary)), `Summarise for ${rows[0]!.city}: \${review}`, 'before answers, a mark shown as its placeholder');
  asked.length = 0;
  await fillLlmColumns(rows, 0, generator.llmColumns!, context());
  t.is(asked.length, 9);
  for (const row of rows) {
    t.is(row.review, `<A review of ${row.city}>`);
    t.is(row.summary, `<Summarise for ${row.city}: <A review of ${row.city}>>`);
    t.is(row.title, `<A title for ${row.summary}, ${row.review}>`);
    t.false(Object.values(row).some((v) => String(v).includes('\u0000')), 'no mark is left');
  }
  generator.dispose?.();
});
