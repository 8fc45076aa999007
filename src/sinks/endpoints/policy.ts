/**
 * What a command may name (pure): the endpoints and files the service's own configuration names (its environment
 * properties for the declared settings, so a deployment pointed at its Kafka keeps working), and the operator's
 * DATAGEN_ALLOWED_ENDPOINTS patterns besides. A configured value that does not read as its kind allows nothing
 * (the sink that reads it reports it). LLM URLs and LOCAL_LLM model directories come from the configuration alone too.
 */
import path from 'node:path';
import { ENDPOINT_SETTINGS } from './declared.js';
import type { EndpointPolicy } from './endpoint-setting.js';
import { endpointsOf, formatEndpoint } from './parse-endpoints.js';
import { llmModelDirs } from '../../llm/local-model-file.js';
import { llmUrlPrefixes } from '../../llm/url-policy.js';

export function endpointPolicy(configured: Readonly<Record<string, string>>, allowed: readonly string[] = []): EndpointPolicy {
  const allow = new Set(allowed);
  const files = new Set<string>();
  for (const s of ENDPOINT_SETTINGS) {
    const value = configured[s.key]?.trim();
    if (!value) continue;
    if (s.kind === 'file') {
      files.add(path.resolve(value));
      continue;
    }
    try {
      for (const e of endpointsOf(s.kind, value, s.key)) allow.add(formatEndpoint(e));
    } catch {
      // Not an address: nothing is allowed by it.
    }
  }
  return { allow: [...allow], files: [...files], llmUrls: llmUrlPrefixes(configured), llmModelDirs: llmModelDirs(configured) };
}
