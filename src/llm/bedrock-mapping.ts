/**
 * BEDROCK request and answer bodies (pure) for the model families the original supported, chosen by the model id's
 * prefix: anthropic (Messages API), mistral, amazon (Titan Text) and meta (Llama). Not run against Bedrock here:
 * no Bedrock server runs on these machines; the mapping is unit-tested.
 */
import { BadRequestError } from '../errors.js';
import { clamp, type LlmCallSettings } from './call-settings.js';

export type BedrockFamily = 'anthropic' | 'mistral' | 'amazon' | 'meta';

export function bedrockFamily(modelId: string): BedrockFamily {
  // Cross-region inference profiles prefix the id with a geography: us.anthropic…, eu.meta…
  const id = modelId.replace(/^(us|eu|apac|us-gov)\./, '');
  const family = id.split('.')[0];
  if (family === 'anthropic' || family === 'mistral' || family === 'amazon' || family === 'meta') return family;
  throw new BadRequestError(`BEDROCK model ${JSON.stringify(modelId)} is of no supported family (anthropic, mistral, amazon, meta)`);
}

export function bedrockBody(s: LlmCallSettings, prompt: string): Record<string, unknown> {
  const temperature = clamp(s.temperature, 0, 1);
  const topP = clamp(s.topP, 0, 1);
  switch (bedrockFamily(s.model)) {
    case 'anthropic':
      return {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: s.maxTokens,
        ...(s.context ? { system: s.context } : {}),
        messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
        temperature,
        top_p: topP,
      };
    case 'mistral':
      return { prompt: `<s>[INST] ${s.context ? `${s.context}\n\n` : ''}${prompt} [/INST]`, max_tokens: s.maxTokens, temperature, top_p: topP };
    case 'amazon':
      return { inputText: s.context ? `${s.context}\n\n${prompt}` : prompt, textGenerationConfig: { maxTokenCount: s.maxTokens, temperature, topP } };
    case 'meta':
      return {
        prompt: `<|begin_of_text|>${s.context ? `<|start_header_id|>system<|end_header_id|>\n\n${s.context}<|eot_id|>` : ''}<|start_header_id|>user<|end_header_id|>\n\n${prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
        max_gen_len: s.maxTokens,
        temperature,
        top_p: topP,
      };
  }
}

/** The answer's text and tokens from a family's response body. */
export function bedrockAnswer(modelId: string, body: any): { text: string; tokens: number } {
  switch (bedrockFamily(modelId)) {
    case 'anthropic':
      return {
        text: (body?.content ?? []).filter((c: any) => c?.type === 'text').map((c: any) => String(c.text)).join(''),
        tokens: (body?.usage?.input_tokens ?? 0) + (body?.usage?.output_tokens ?? 0),
      };
    case 'mistral':
      return { text: String(body?.outputs?.[0]?.text ?? ''), tokens: 0 };
    case 'amazon':
      return { text: String(body?.results?.[0]?.outputText ?? ''), tokens: (body?.inputTextTokenCount ?? 0) + (body?.results?.[0]?.tokenCount ?? 0) };
    case 'meta':
      return { text: String(body?.generation ?? ''), tokens: (body?.prompt_token_count ?? 0) + (body?.generation_token_count ?? 0) };
  }
}
