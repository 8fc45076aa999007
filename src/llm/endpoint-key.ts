/**
 * The key of an LLM endpoint's shared permits: a hash of (type, URL, model), so the key (a NATS KV key, seen by
 * anyone reading the bucket) never shows a URL's path, query or user info, nor the API key, which is not part of
 * it. Two fields on the same server and model share the endpoint's permits. Pure.
 */
import { createHash } from 'node:crypto';
import type { LlmCallSettings } from './call-settings.js';

export function llmEndpointKey(s: Pick<LlmCallSettings, 'type' | 'url' | 'model'>): string {
  return `e${createHash('sha256').update(JSON.stringify([s.type, s.url, s.model])).digest('hex').slice(0, 32)}`;
}
