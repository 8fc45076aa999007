import test from 'ava';
import { cleanAnswer } from '../../../src/llm/answer-text.js';
import { bedrockAnswer, bedrockBody, bedrockFamily } from '../../../src/llm/bedrock-mapping.js';
import { LlmBudget, LlmBudgetExceeded } from '../../../src/llm/budget.js';
import { llmCallSettings } from '../../../src/llm/call-settings.js';
import { poolIndex } from '../../../src/llm/fill.js';
import { openAiBody } from '../../../src/llm/openai.js';
import { backoffMs, isRetryable, LlmHttpError, LlmUnreachable, retryAfterOf, withRetries } from '../../../src/llm/retry.js';
import { assertLlmUrlAllowed, llmUrlAllowed, llmUrlPrefixes, LlmUrlRefused } from '../../../src/llm/url-policy.js';
import { readLlmSpec } from '../../../src/model/llm-spec.js';

test('defaults: the original hard-coded values, then the deployment properties, then the field', (t) => {
  const openai = llmCallSettings(readLlmSpec({ request: 'hi' }, 'OPEN_AI', 'f', 'Fields[0]'), {});
  t.like(openai, { model: 'gpt-4-32k', temperature: 1, topP: 1, frequencyPenalty: 1, presencePenalty: 1, maxTokens: 256, url: 'https://api.openai.com/v1' });
  const bedrock = llmCallSettings(readLlmSpec({ request: 'hi' }, 'BEDROCK', 'f', 'Fields[0]'), {});
  t.like(bedrock, { model: 'amazon.titan-text-lite-v1', temperature: 0.5, region: 'us-east-1', maxTokens: 256 });
  const props = { DATAGEN_LLM_OLLAMA_MODEL: 'mistral', DATAGEN_LLM_OLLAMA_TEMPERATURE: '0.2' };
  t.like(llmCallSettings(readLlmSpec({ request: 'hi' }, 'OLLAMA', 'f', 'F'), props), { model: 'mistral', temperature: 0.2 });
  t.like(llmCallSettings(readLlmSpec({ request: 'hi', model_type: 'x', temperature: '0.7', max_tokens: 40 }, 'OLLAMA', 'f', 'F'), props), { model: 'x', temperature: 0.7, maxTokens: 40 });
});

test('the OpenAI body clamps the original shipped 2.0 top_p and sends the seed', (t) => {
  const s = llmCallSettings(readLlmSpec({ request: 'hi', top_p: 2, context: 'be brief' }, 'OPEN_AI', 'f', 'F'), {});
  const body = openAiBody(s, { prompt: 'hello', seed: 7 });
  t.is(body.top_p, 1);
  t.is(body.seed, 7);
  t.deepEqual(body.messages, [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }]);
});

test('spec errors name the property', (t) => {
  t.regex(t.throws(() => readLlmSpec({ request: 'a', temperature: 'hot' }, 'OLLAMA', 'f', 'Fields[2]'))!.message, /temperature: must be a number, got "hot"/);
  t.is((t.throws(() => readLlmSpec({ request: 'a', pool_size: 0 }, 'OLLAMA', 'f', 'Fields[2]')) as any).path, 'Fields[2].pool_size');
});

test('answers are trimmed with blank lines removed', (t) => {
  t.is(cleanAnswer('\n\n  Great stay.\n\n  Would return. \n'), 'Great stay.\n  Would return.');
});

test('retries: 429 and 5xx and unreachable are retried with backoff, 4xx is not', async (t) => {
  t.true(isRetryable(new LlmHttpError(429, 'x')));
  t.true(isRetryable(new LlmHttpError(503, 'x')));
  t.true(isRetryable(new LlmUnreachable('x')));
  t.false(isRetryable(new LlmHttpError(404, 'x')));
  t.deepEqual([0, 1, 2, 10].map((a) => backoffMs(a, undefined)), [250, 500, 1000, 8000]);
  t.is(backoffMs(0, 3000), 3000);
  t.is(retryAfterOf('2'), 2000);
  const slept: number[] = [];
  let calls = 0;
  const out = await withRetries(async () => { if (++calls < 3) throw new LlmHttpError(500, 'x'); return 'ok'; }, { retries: 4, sleep: async (ms) => { slept.push(ms); } });
  t.is(out, 'ok');
  t.deepEqual(slept, [250, 500]);
  calls = 0;
  await t.throwsAsync(withRetries(async () => { calls++; throw new LlmHttpError(400, 'bad'); }, { retries: 4, sleep: async () => {} }), { message: 'bad' });
  t.is(calls, 1);
});

test('the budget refuses the call past its limit, saying which', (t) => {
  const b = new LlmBudget({ maxCalls: 2 });
  b.take();
  b.take();
  t.throws(() => b.take(), { instanceOf: LlmBudgetExceeded, message: /budget of 2 calls/ });
  const tokens = new LlmBudget({ maxTokens: 10 });
  tokens.take();
  tokens.record(12);
  t.throws(() => tokens.take(), { message: /10 tokens/ });
});

test('URL policy: prefixes from the configuration; loopback only when named; no user info, no host tricks', (t) => {
  const prefixes = llmUrlPrefixes({ DATAGEN_LLM_ALLOWED_URLS: 'http://127.0.0.1:11434/, https://llm.example.com/v1' });
  t.true(llmUrlAllowed('http://127.0.0.1:11434/v1', prefixes));
  t.true(llmUrlAllowed('https://api.openai.com/v1', prefixes));
  t.true(llmUrlAllowed('https://llm.example.com/v1/', prefixes));
  t.false(llmUrlAllowed('https://llm.example.com/v2', prefixes));
  t.false(llmUrlAllowed('http://127.0.0.1:11435', prefixes));
  t.false(llmUrlAllowed('http://127.0.0.1:11434@evil.com/', prefixes));
  t.false(llmUrlAllowed('http://user:pw@127.0.0.1:11434/', prefixes));
  t.false(llmUrlAllowed('http://localhost:11434', llmUrlPrefixes({})));
  const e = t.throws(() => assertLlmUrlAllowed('http://10.0.0.1:80/secret?key=abc', prefixes, 'Fields[1].url'), { instanceOf: LlmUrlRefused })!;
  t.regex(e.message, /Fields\[1\]\.url names LLM endpoint http:\/\/10\.0\.0\.1,/);
  t.notRegex(e.message, /abc/);
});

test('pool choice is a function of seed, field and row, within the pool', (t) => {
  const picks = Array.from({ length: 200 }, (_, r) => poolIndex(42, 'review', r, 5));
  t.deepEqual(picks, Array.from({ length: 200 }, (_, r) => poolIndex(42, 'review', r, 5)));
  t.deepEqual([...new Set(picks)].sort(), [0, 1, 2, 3, 4]);
});

test('Bedrock bodies per family, and their answers read back (mapping only: not run against Bedrock)', (t) => {
  const s = (model: string) => llmCallSettings(readLlmSpec({ request: 'x', model_type: model, context: 'sys' }, 'BEDROCK', 'f', 'F'), {});
  t.is(bedrockFamily('us.anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic');
  t.like(bedrockBody(s('anthropic.claude-3-haiku'), 'hi'), { anthropic_version: 'bedrock-2023-05-31', system: 'sys', max_tokens: 256, temperature: 0.5 });
  t.deepEqual(bedrockBody(s('amazon.titan-text-lite-v1'), 'hi'), { inputText: 'sys\n\nhi', textGenerationConfig: { maxTokenCount: 256, temperature: 0.5, topP: 1 } });
  t.like(bedrockBody(s('meta.llama3-8b-instruct-v1:0'), 'hi'), { max_gen_len: 256 });
  t.regex(String(bedrockBody(s('mistral.mistral-7b-instruct-v0:2'), 'hi').prompt), /^<s>\[INST\] sys\n\nhi \[\/INST\]$/);
  t.throws(() => bedrockFamily('cohere.command'), { message: /no supported family/ });
  t.deepEqual(bedrockAnswer('amazon.titan-text-lite-v1', { inputTextTokenCount: 3, results: [{ outputText: ' ok', tokenCount: 2 }] }), { text: ' ok', tokens: 5 });
  t.deepEqual(bedrockAnswer('anthropic.claude', { content: [{ type: 'text', text: 'yo' }], usage: { input_tokens: 1, output_tokens: 1 } }), { text: 'yo', tokens: 2 });
  t.is(bedrockAnswer('meta.llama3', { generation: 'g' }).text, 'g');
  t.is(bedrockAnswer('mistral.x', { outputs: [{ text: 'm' }] }).text, 'm');
});
