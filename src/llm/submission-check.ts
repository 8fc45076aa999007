/**
 * At submission, each OLLAMA and OPEN_AI field's URL (its own, else the deployment's default) must be one the
 * service may call: a refused one is a 400 naming the field and the endpoint's origin, before anything is recorded,
 * rather than a failed command. The batch checks again (a schedule's later execution, a changed setting). Pure.
 */
import { isLlmType, readLlmSpec } from '../model/llm-spec.js';
import type { ModelDefinition } from '../model/types.js';
import { llmCallSettings } from './call-settings.js';
import { assertLlmUrlAllowed } from './url-policy.js';

/** Types whose calls go to a URL (BEDROCK goes to AWS by region, LOCAL_LLM runs in the process). */
const CALLS_A_URL = new Set(['OLLAMA', 'OPEN_AI']);

export function assertLlmUrlsAllowed(model: ModelDefinition, properties: Readonly<Record<string, string>>, allowedUrls: readonly string[]): void {
  model.fields.forEach((field, index) => {
    if (!isLlmType(field.type)) return;
    const path = `Fields[${index}]`;
    const spec = readLlmSpec(field.props, field.type, field.name, path);
    if (!CALLS_A_URL.has(spec.type)) return;
    assertLlmUrlAllowed(llmCallSettings(spec, properties).url, allowedUrls, `${path}.url`);
  });
}
