/**
 * LOCAL_LLM's pure parts and its file check: the sampler's options, the call settings (threads, idle time), the
 * model directories from the configuration only, and the file's identity (which keys the recorded answers).
 */
import test from 'ava';
import { mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { llmCallSettings } from '../../../src/llm/call-settings.js';
import { localModelFile, llmModelDirs } from '../../../src/llm/local-model-file.js';
import { localPromptOptions } from '../../../src/llm/local-llm.js';
import { readLlmSpec } from '../../../src/model/llm-spec.js';
import { sinkSettings } from '../../../src/sinks/context.js';

const spec = (p: Record<string, unknown> = {}) => readLlmSpec({ request: 'About ${city}', file: 'tiny.gguf', ...p }, 'LOCAL_LLM', 'review', 'Fields[1]');

test('the sampler gets temperature, top_p (clamped to 1), both penalties (within ±2), max_tokens, and the seed when seeded', (t) => {
  const s = llmCallSettings(spec({ temperature: 0.7, top_p: 2, frequency_penalty: 3, presence_penalty: -0.5, max_tokens: 30 }), {});
  t.deepEqual(localPromptOptions(s, 42), { maxTokens: 30, temperature: 0.7, topP: 1, repeatPenalty: { frequencyPenalty: 2, presencePenalty: -0.5 }, seed: 42 });
  t.false('seed' in localPromptOptions(s, undefined));
});

test('threads: the field\'s, else DATAGEN_LLM_LOCAL_THREADS, else none (the machine\'s cores); the idle time from its setting, 300 s by default', (t) => {
  t.is(llmCallSettings(spec({ threads: 1 }), { DATAGEN_LLM_LOCAL_THREADS: '3' }).local?.threads, 1);
  t.is(llmCallSettings(spec(), { DATAGEN_LLM_LOCAL_THREADS: '3' }).local?.threads, 3);
  t.is(llmCallSettings(spec(), {}).local?.threads, undefined);
  t.is(llmCallSettings(spec(), {}).local?.idleSeconds, 300);
  t.is(llmCallSettings(spec(), { DATAGEN_LLM_LOCAL_IDLE_SECONDS: '5' }).local?.idleSeconds, 5);
  t.throws(() => spec({ threads: 0 }), { message: /^Fields\[1\]\.threads: must be an integer from 1 to 256/ });
  t.throws(() => readLlmSpec({ request: 'x' }, 'LOCAL_LLM', 'review', 'Fields[1]'), { message: /^Fields\[1\]\.file: is required for LOCAL_LLM/ });
});

test('model directories come from the service\'s configuration (comma-separated), never from a command\'s properties', (t) => {
  t.deepEqual(llmModelDirs({ DATAGEN_LLM_MODELS_DIR: ' /srv/models , /opt/gguf/ ,' }), ['/srv/models', '/opt/gguf']);
  t.deepEqual(llmModelDirs({}), []);
  const settings = sinkSettings({ dataDir: '/tmp', outputRoots: [], properties: { DATAGEN_LLM_MODELS_DIR: '/srv/models' } }, { DATAGEN_LLM_MODELS_DIR: '/' });
  t.deepEqual(settings.endpoints?.llmModelDirs, ['/srv/models']);
});

test('a file\'s identity is its name, size and header: the same bytes elsewhere share it, other bytes do not', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-gguf-'));
  try {
    const bytes = Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(100, 7)]);
    await writeFile(path.join(dir, 'a.gguf'), bytes);
    const access = { modelDirs: [dir], protectedRoots: [] };
    const first = await localModelFile('a.gguf', access, 'Fields[0].file');
    t.is(first.path, path.join(await realpath(dir), 'a.gguf'));
    t.is((await localModelFile(path.join(dir, 'a.gguf'), access, 'Fields[0].file')).identity, first.identity);
    bytes[50] = 8;
    await writeFile(path.join(dir, 'a.gguf'), bytes);
    // A known file is re-read when its size or time changes (set apart here, whatever the file system's resolution).
    await utimes(path.join(dir, 'a.gguf'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    t.not((await localModelFile('a.gguf', access, 'Fields[0].file')).identity, first.identity);
    await writeFile(path.join(dir, 'a.bin'), bytes);
    await t.throwsAsync(localModelFile('a.bin', access, 'Fields[0].file'), { message: /^Fields\[0\]\.file: "a\.bin" is not a \.gguf model file/ });
    await t.throwsAsync(localModelFile('.', access, 'Fields[0].file'), { message: /^Fields\[0\]\.file: / });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
