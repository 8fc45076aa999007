/**
 * At submission, each OLLAMA and OPEN_AI field's URL (its own, else the deployment's default) must be one the
 * service may call: a refused one is a 400 naming the field and the endpoint's origin, before anything is recorded,
 * rather than a failed command; so is a LOCAL_LLM field's model file outside DATAGEN_LLM_MODELS_DIR, missing or not
 * GGUF. The batch checks again (a schedule's later execution, a changed setting or file).
 */
import { isLlmType, readLlmSpec } from '../model/llm-spec.js';
import type { ModelDefinition } from '../model/types.js';
import { llmCallSettings } from './call-settings.js';
import { assertLlmUrlAllowed } from './url-policy.js';
import { localModelFile, type LocalModelAccess } from './local-model-file.js';

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

/** Each LOCAL_LLM field's file must be a GGUF file in the model directories: a 400 naming `Fields[i].file` otherwise. */
export async function assertLocalLlmFiles(model: ModelDefinition, access: LocalModelAccess): Promise<void> {
  for (const [index, field] of model.fields.entries()) {
    if (field.type !== 'LOCAL_LLM') continue;
    const path = `Fields[${index}]`;
    const spec = readLlmSpec(field.props, field.type, field.name, path);
    await localModelFile(spec.file!, access, `${path}.file`);
  }
}
