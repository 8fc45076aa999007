/**
 * BEDROCK calls through @aws-sdk/client-bedrock-runtime, against a loopback HTTP server that records what the SDK
 * sends and answers as Bedrock's InvokeModel does. No Bedrock runs here, so this is not a test against Bedrock: it
 * (HTTP/2 in clear text, as the runtime client speaks) checks our wiring of the SDK (the model's invoke path, a SigV4 signature by the access key id, the family's body,
 * the answer and tokens read back) and how its errors become ours (429/5xx retryable, 403 not, neither naming the
 * secret key). The bodies per family are unit-tested in test/unit/llm/llm-logic.test.ts.
 */
import test from 'ava';
import { createServer, type Http2Server, type Http2ServerRequest } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { callBedrock } from '../../src/llm/bedrock.js';
import type { LlmCallSettings } from '../../src/llm/call-settings.js';
import { isRetryable, LlmHttpError } from '../../src/llm/retry.js';

const SECRET = 'bedrock-Secret-Key-1234567890';

interface Seen { method: string; url: string; authorization: string; body: any }

let server: Http2Server;
let endpoint: string;
const seen: Seen[] = [];
let answer: (req: Seen) => { status: number; body: unknown; headers?: Record<string, string> } = () => ({ status: 200, body: {} });

async function bodyOf(req: Http2ServerRequest): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

test.before(async () => {
  server = createServer(async (req, res) => {
    const text = await bodyOf(req);
    const s: Seen = { method: req.method!, url: req.url!, authorization: String(req.headers.authorization ?? ''), body: text ? JSON.parse(text) : undefined };
    seen.push(s);
    const a = answer(s);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after.always(() => new Promise<void>((r) => server.close(() => r())));

const settings = (model: string, over: Partial<LlmCallSettings> = {}): LlmCallSettings => ({
  type: 'BEDROCK', url: endpoint, model, region: 'eu-west-1', accessKeyId: 'AKIDEXAMPLE', apiKey: SECRET,
  temperature: 0.5, topP: 0.9, frequencyPenalty: 1, presencePenalty: 1, maxTokens: 40, context: 'You write hotel reviews.', ...over,
});
const prompt = (text: string) => ({ prompt: text, signal: AbortSignal.timeout(10_000) });

test.serial('Titan: POST /model/<id>/invoke signed by the access key id, the Titan body, the answer and its tokens read back', async (t) => {
  seen.length = 0;
  answer = () => ({ status: 200, body: { inputTextTokenCount: 12, results: [{ tokenCount: 7, outputText: 'A quiet room near the port.' }] } });
  const out = await callBedrock(settings('amazon.titan-text-lite-v1'), prompt('Review a hotel in Lima.'));
  t.deepEqual(out, { text: 'A quiet room near the port.', tokens: 19 });
  t.is(seen.length, 1);
  t.is(seen[0]!.method, 'POST');
  t.is(seen[0]!.url, '/model/amazon.titan-text-lite-v1/invoke');
  t.regex(seen[0]!.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request/);
  t.false(seen[0]!.authorization.includes(SECRET));
  t.deepEqual(seen[0]!.body, { inputText: 'You write hotel reviews.\n\nReview a hotel in Lima.', textGenerationConfig: { maxTokenCount: 40, temperature: 0.5, topP: 0.9 } });
});

test.serial('Anthropic: the Messages body with the system prompt; text parts joined, input and output tokens added', async (t) => {
  seen.length = 0;
  answer = () => ({ status: 200, body: { content: [{ type: 'text', text: 'Lovely ' }, { type: 'text', text: 'staff.' }], usage: { input_tokens: 20, output_tokens: 4 } } });
  const model = 'anthropic.claude-3-haiku-20240307-v1:0';
  const out = await callBedrock(settings(model), prompt('Review a hotel in Oslo.'));
  t.deepEqual(out, { text: 'Lovely staff.', tokens: 24 });
  t.is(decodeURIComponent(seen[0]!.url), `/model/${model}/invoke`);
  t.is(seen[0]!.body.system, 'You write hotel reviews.');
  t.deepEqual(seen[0]!.body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Review a hotel in Oslo.' }] }]);
});

test.serial('a throttled call (429) and a 503 are retryable errors; a refused one (403) is not; none names the secret key', async (t) => {
  for (const [status, name, retryable] of [[429, 'ThrottlingException', true], [503, 'ServiceUnavailableException', true], [403, 'AccessDeniedException', false]] as const) {
    answer = () => ({ status, body: { message: `no: ${name}` }, headers: { 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/` } });
    const err = await t.throwsAsync(callBedrock(settings('meta.llama3-8b-instruct-v1:0'), prompt('Hi')));
    t.true(err instanceof LlmHttpError, String(err));
    t.is((err as LlmHttpError).status, status);
    t.is(isRetryable(err), retryable, `${status}`);
    t.regex(err!.message, /BEDROCK .* model meta\.llama3-8b-instruct-v1:0 answered/);
    t.false(err!.message.includes(SECRET));
  }
});

test.serial('a model of no supported family is refused before any call', async (t) => {
  seen.length = 0;
  const err = await t.throwsAsync(callBedrock(settings('cohere.command-text-v14'), prompt('Hi')));
  t.regex(err!.message, /no supported family/);
  t.is(seen.length, 0);
});

test.serial('an endpoint that does not answer is an unreachable (retryable) error naming the endpoint', async (t) => {
  const err = await t.throwsAsync(callBedrock(settings('amazon.titan-text-lite-v1', { url: 'http://127.0.0.1:1' }), prompt('Hi')));
  t.true(isRetryable(err), String(err));
  t.regex(err!.message, /BEDROCK http:\/\/127\.0\.0\.1:1 .*unreachable|did not answer/);
});
