/**
 * GGUF models run by node-llama-cpp in the process's main thread (generator threads send their calls here:
 * src/activities/thread-local-llm.ts), loaded once per process and model file (not per batch, as the original did),
 * with one context sequence per concurrent call, and released after an idle time. node-llama-cpp is imported on
 * first use, so a service without LOCAL_LLM fields never loads it. CPU only: no GPU probing, never a build or
 * download at run time.
 */
import path from 'node:path';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';

export interface LocalModelKey {
  /** The real path of the GGUF file. */
  file: string;
  /** llama.cpp threads per evaluation; absent: node-llama-cpp's default (the machine's cores). */
  threads?: number;
  /** Context sequences, i.e. calls at once. */
  sequences: number;
  /** Released this long after its last call ended. */
  idleMs: number;
}

interface Loaded {
  model: LlamaModel;
  context: LlamaContext;
  free: LlamaContextSequence[];
  waiting: Array<(seq: LlamaContextSequence) => void>;
  busy: number;
  idle?: NodeJS.Timeout;
}

/** Tokens a context may hold per sequence: a prompt and its answer. */
const CONTEXT_TOKENS = 2048;

let llama: Promise<Llama> | undefined;
const models = new Map<string, Promise<Loaded>>();

const keyOf = (k: LocalModelKey): string => `${k.file}\u0000${k.threads ?? ''}\u0000${k.sequences}`;

function runtime(): Promise<Llama> {
  llama ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) => getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error }));
  llama.catch(() => (llama = undefined));
  return llama;
}

async function load(k: LocalModelKey): Promise<Loaded> {
  const rt = await runtime();
  const model = await rt.loadModel({ modelPath: k.file });
  try {
    const context = await model.createContext({ sequences: k.sequences, contextSize: { max: CONTEXT_TOKENS }, ...(k.threads ? { threads: k.threads } : {}) });
    return { model, context, free: [], waiting: [], busy: 0 };
  } catch (err) {
    await model.dispose();
    throw err;
  }
}

function loaded(k: LocalModelKey): Promise<Loaded> {
  const key = keyOf(k);
  let entry = models.get(key);
  if (!entry) {
    entry = load(k).catch((err: unknown) => {
      models.delete(key);
      throw new Error(`LOCAL_LLM model ${path.basename(k.file)} could not be loaded: ${(err as Error)?.message ?? err}`);
    });
    models.set(key, entry);
  }
  return entry;
}

function acquire(m: Loaded): Promise<LlamaContextSequence> {
  const free = m.free.pop();
  if (free) return Promise.resolve(free);
  if (m.context.sequencesLeft > 0) return Promise.resolve(m.context.getSequence());
  return new Promise((resolve) => m.waiting.push(resolve));
}

async function release(m: Loaded, seq: LlamaContextSequence): Promise<void> {
  await seq.clearHistory().catch(() => {});
  const next = m.waiting.shift();
  if (next) next(seq);
  else m.free.push(seq);
}

function scheduleRelease(k: LocalModelKey, m: Loaded): void {
  if (m.busy > 0) return;
  clearTimeout(m.idle);
  m.idle = setTimeout(() => {
    if (m.busy > 0) return;
    models.delete(keyOf(k));
    void m.context.dispose().finally(() => m.model.dispose());
  }, k.idleMs);
  // An idle model never keeps the thread alive.
  m.idle.unref();
}

/** Runs `work` on a sequence of the loaded model (loading it first), one sequence per call in flight. */
export async function withLocalModel<T>(k: LocalModelKey, work: (seq: LlamaContextSequence) => Promise<T>): Promise<T> {
  const m = await loaded(k);
  m.busy++;
  clearTimeout(m.idle);
  try {
    const seq = await acquire(m);
    try {
      return await work(seq);
    } finally {
      await release(m, seq);
    }
  } finally {
    m.busy--;
    scheduleRelease(k, m);
  }
}

/** Models loaded now (tests check that batches share one). */
export function loadedLocalModels(): number {
  return models.size;
}

/** Releases every loaded model at once (a thread about to stop, tests). */
export async function releaseLocalModels(): Promise<void> {
  const all = [...models.values()];
  models.clear();
  for (const entry of all) {
    const m = await entry.catch(() => undefined);
    if (!m) continue;
    clearTimeout(m.idle);
    await m.context.dispose();
    await m.model.dispose();
  }
}
