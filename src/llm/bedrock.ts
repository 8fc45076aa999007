/**
 * BEDROCK fields: InvokeModel of @aws-sdk/client-bedrock-runtime with the family's body (bedrock-mapping.ts), signed
 * with the field's or the deployment's AWS keys, else the SDK's default chain (environment, instance role). The
 * endpoint is AWS's for DATAGEN_LLM_BEDROCK_REGION, or the deployment's DATAGEN_LLM_BEDROCK_URL (a VPC endpoint),
 * never a model's. The SDK does not retry (retry.ts does, as for the other types); its errors become LlmHttpError
 * or LlmUnreachable naming the region and the model, never a key.
 * Not run against Bedrock: no Bedrock runs here. test/integration/llm-bedrock.test.ts checks what the SDK sends
 * (path, SigV4 header, body) and how answers and errors are read, against a loopback HTTP server.
 */
import { createHash } from 'node:crypto';
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { bedrockAnswer, bedrockBody } from './bedrock-mapping.js';
import type { LlmCallSettings } from './call-settings.js';
import type { LlmCall } from './provider.js';
import { LlmHttpError, LlmUnreachable } from './retry.js';

const clients = new Map<string, BedrockRuntimeClient>();
const MAX_CLIENTS = 16;

function clientFor(s: LlmCallSettings): BedrockRuntimeClient {
  const key = createHash('sha256').update(JSON.stringify([s.region, s.url, s.accessKeyId ?? '', s.apiKey ?? ''])).digest('hex');
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= MAX_CLIENTS) {
      const [oldest] = clients.keys();
      clients.get(oldest!)?.destroy();
      clients.delete(oldest!);
    }
    client = new BedrockRuntimeClient({
      region: s.region ?? 'us-east-1',
      maxAttempts: 1,
      ...(s.url ? { endpoint: s.url } : {}),
      ...(s.accessKeyId && s.apiKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.apiKey } } : {}),
    });
    clients.set(key, client);
  }
  return client;
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

function callError(err: SdkError, s: LlmCallSettings): Error {
  const where = `BEDROCK ${s.url || `region ${s.region}`} model ${s.model}`;
  const status = err.$metadata?.httpStatusCode;
  // The service's own message says what is wrong (an unknown model, access denied); it never holds our keys.
  const said = (err.message ?? '').replace(/\s+/g, ' ').slice(0, 200);
  if (status) return new LlmHttpError(status, `${where} answered ${status} ${err.name ?? ''}${said ? `: ${said}` : ''}`.trim());
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return new LlmUnreachable(`${where} did not answer in time`);
  if (err.name === 'CredentialsProviderError') return new LlmHttpError(401, `${where}: no AWS credentials (set the field's user/password or DATAGEN_LLM_BEDROCK_ACCESS_KEY_ID and _SECRET_ACCESS_KEY)`);
  return new LlmUnreachable(`${where} is unreachable (${err.name ?? 'connection failed'})`);
}

export const callBedrock: LlmCall = async (s, p) => {
  const command = new InvokeModelCommand({ modelId: s.model, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(bedrockBody(s, p.prompt)) });
  let out;
  try {
    out = await clientFor(s).send(command, { abortSignal: p.signal });
  } catch (err) {
    throw callError(err as SdkError, s);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(out.body ?? new Uint8Array()).toString('utf8'));
  } catch {
    throw new LlmHttpError(502, `BEDROCK model ${s.model} answered something other than JSON`);
  }
  return bedrockAnswer(s.model, body);
};
