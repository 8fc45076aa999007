/**
 * Fills a chunk's LLM columns: the generated rows hold each LLM field's prompt (its `${col}` placeholders filled),
 * replaced here by the model's answer. Calls run concurrently up to a limit per batch, each attempt also holding
 * one of its endpoint's deployment-wide permits when that limit is set, retried on 429/5xx, counted against the
 * command's budget (deployment-wide when shared). Pool mode (pool_size N) asks at most N answers per distinct
 * prompt, each row sampling one of them. A seeded command derives each call's seed (given to the server) and pool
 * choice from its seed, and its answers are recorded (src/ports/llm-answers.ts): looked up first, one lookup per
 * chunk, only the misses asked, so a rerun or a redelivered batch gives the same rows without calls. Unseeded, each
 * run asks anew.
 */
import type { LlmColumn, Row } from '../model/types.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import { cleanAnswer } from './answer-text.js';
import { llmAnswerKey } from './answer-key.js';
import type { LlmPermits } from '../ports/llm-permits.js';
import type { CallBudget } from './budget.js';
import { llmEndpointKey } from './endpoint-key.js';
import { llmCallSettings, type LlmCallSettings } from './call-settings.js';
import { runLimited } from './limit.js';
import type { LlmCall } from './provider.js';
import { withRetries } from './retry.js';
import type { LlmRunSettings } from './run-settings.js';
import { assertLlmUrlAllowed } from './url-policy.js';
import { localModelFile, type LocalModelAccess } from './local-model-file.js';
import { llmWaves, withAnswers } from '../model/llm-chained-prompts.js';

export interface LlmStats {
  calls: number;
  tokens: number;
}

export interface LlmFillContext {
  properties: Readonly<Record<string, string>>;
  allowedUrls: readonly string[];
  run: LlmRunSettings;
  call: (type: LlmCallSettings['type']) => LlmCall;
  budget: CallBudget;
  /** The deployment's permits per endpoint, taken per call attempt when run.endpointConcurrency is set. */
  permits?: LlmPermits;
  /** The command's seed; absent for a command run without one. */
  seed?: number;
  /** Answers of this command already asked, by key: pool answers are asked once per actor. */
  cache: Map<string, Promise<string>>;
  stats: LlmStats;
  /** Where a seeded command's answers are recorded; absent: none are. */
  answers?: LlmAnswers;
  sleep: (ms: number) => Promise<void>;
  stop?: AbortSignal;
  /** Where LOCAL_LLM fields' model files may lie (DATAGEN_LLM_MODELS_DIR); absent: nowhere. */
  localModels?: LocalModelAccess;
}

/** A 32-bit number from text (FNV-1a): pool choices and call seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Which of a pool's answers row `row` takes: from the seed when there is one, else at random. */
export function poolIndex(seed: number | undefined, field: string, row: number, size: number): number {
  return seed === undefined ? Math.floor(Math.random() * size) : hash32(`${seed}:${field}:${row}`) % size;
}

/** The seed a seeded command gives the server for a field's row or pool slot. */
const callSeed = (seed: number, field: string, slot: string): number => hash32(`${seed}:${field}:${slot}`) & 0x7fffffff;

/**
 * Runs one call attempt holding one of the endpoint's deployment-wide permits (none to take: at once). A LOCAL_LLM
 * model runs in this process: no shared endpoint to protect, its calls are bounded by the batch's concurrency.
 */
async function withPermit<T>(s: LlmCallSettings, ctx: LlmFillContext, attempt: () => Promise<T>): Promise<T> {
  const limit = ctx.run.endpointConcurrency;
  if (!ctx.permits || limit === undefined || s.type === 'LOCAL_LLM') return attempt();
  const permit = await ctx.permits.acquire(llmEndpointKey(s), limit, ctx.stop);
  try {
    return await attempt();
  } finally {
    await permit.release();
  }
}

async function ask(s: LlmCallSettings, field: string, prompt: string, slot: string, ctx: LlmFillContext): Promise<string> {
  await ctx.budget.take();
  ctx.stats.calls++;
  const seed = ctx.seed === undefined ? undefined : callSeed(ctx.seed, field, slot);
  // The permit is held per attempt, not across a retry's backoff: a waiting call leaves the endpoint to others.
  const answer = await withRetries(() => withPermit(s, ctx, () => {
    const signal = ctx.stop ? AbortSignal.any([ctx.stop, AbortSignal.timeout(ctx.run.timeoutMs)]) : AbortSignal.timeout(ctx.run.timeoutMs);
    return ctx.call(s.type)(s, { prompt, signal, ...(seed !== undefined ? { seed } : {}) });
  }), { retries: ctx.run.retries, sleep: ctx.sleep });
  await ctx.budget.record(answer.tokens);
  ctx.stats.tokens += answer.tokens;
  return cleanAnswer(answer.text);
}

interface Ask {
  s: LlmCallSettings;
  field: string;
  prompt: string;
  slot: string;
  /** Rows (indexes in the chunk) that take this answer. */
  rows: number[];
  /** Pool answers are kept for the command on this actor under this key. */
  cacheKey?: string;
  /** A seeded command's answer is recorded under this key. */
  recordKey?: string;
}

/** One ask per distinct (prompt, row or pool slot) of each LLM column in this chunk: rows sharing it share the answer. */
function asksOf(rows: Row[], firstRow: number, columns: readonly LlmColumn[], settings: readonly LlmCallSettings[], ctx: LlmFillContext): Ask[] {
  const asks: Ask[] = [];
  for (const [i, column] of columns.entries()) {
    const s = settings[i]!;
    const pool = column.spec.poolSize;
    const pending = new Map<string, Ask>();
    for (let r = 0; r < rows.length; r++) {
      const prompt = withAnswers(String(rows[r]![column.name] ?? ''), rows[r]!);
      const slot = pool ? `p${poolIndex(ctx.seed, column.name, firstRow + r, pool)}` : `r${firstRow + r}`;
      const key = `${prompt}\u0000${slot}`;
      const entry = pending.get(key);
      if (entry) {
        entry.rows.push(r);
        continue;
      }
      const ask: Ask = { s, field: column.name, prompt, slot, rows: [r] };
      if (pool) ask.cacheKey = `${column.name}\u0000${key}`;
      if (ctx.seed !== undefined && ctx.answers) ask.recordKey = llmAnswerKey(s, callSeed(ctx.seed, column.name, slot), prompt, slot);
      pending.set(key, ask);
    }
    asks.push(...pending.values());
  }
  return asks;
}

/**
 * A column's call settings, checked: its URL allowed; a LOCAL_LLM file confined and resolved, its identity as the
 * model (so the recorded answers' key changes with the file) and one context sequence per call at once.
 */
async function columnSettings(column: LlmColumn, ctx: LlmFillContext): Promise<LlmCallSettings> {
  const s = llmCallSettings(column.spec, ctx.properties);
  if (!s.local) {
    assertLlmUrlAllowed(s.url, ctx.allowedUrls, `${column.path}.url`);
    return s;
  }
  const file = await localModelFile(s.local.file, ctx.localModels ?? { modelDirs: [], protectedRoots: [] }, `${column.path}.file`);
  return { ...s, model: file.identity, local: { ...s.local, file: file.path, sequences: ctx.run.concurrency } };
}

/** An ask's answer: from the command's pool on this actor, else from the model (kept for the pool). */
function answerOf(a: Ask, ctx: LlmFillContext): Promise<string> {
  let answer = a.cacheKey ? ctx.cache.get(a.cacheKey) : undefined;
  if (answer) return answer;
  answer = ask(a.s, a.field, a.prompt, a.slot, ctx);
  const { cacheKey } = a;
  if (cacheKey) {
    ctx.cache.set(cacheKey, answer);
    answer.catch(() => ctx.cache.delete(cacheKey));
  }
  return answer;
}

/** Replaces each LLM column's prompt by its answer in `rows` (rows firstRow… of the command). */
export async function fillLlmColumns(rows: Row[], firstRow: number, columns: readonly LlmColumn[], ctx: LlmFillContext): Promise<void> {
  // A column naming another's answer in its request is asked once that answer is in the rows.
  for (const wave of llmWaves(columns)) await fillWave(rows, firstRow, wave, ctx);
}

async function fillWave(rows: Row[], firstRow: number, columns: readonly LlmColumn[], ctx: LlmFillContext): Promise<void> {
  const settings = await Promise.all(columns.map((c) => columnSettings(c, ctx)));
  const asks = asksOf(rows, firstRow, columns, settings, ctx);
  const recordKeys = asks.flatMap((a) => (a.recordKey ? [a.recordKey] : []));
  const recorded = recordKeys.length && ctx.answers ? await ctx.answers.get(recordKeys) : new Map<string, string>();
  const fresh: Array<[string, string]> = [];
  const tasks = asks.map((a) => async () => {
    const known = a.recordKey === undefined ? undefined : recorded.get(a.recordKey);
    const text = known ?? (await answerOf(a, ctx));
    if (known === undefined && a.recordKey !== undefined) fresh.push([a.recordKey, text]);
    for (const r of a.rows) rows[r]![a.field] = text;
  });
  try {
    await runLimited(tasks, ctx.run.concurrency);
  } catch (err) {
    // What was answered before the failure is kept: the batch's next attempt asks only the rest.
    if (fresh.length) await ctx.answers?.put(fresh).catch(() => {});
    throw err;
  }
  if (fresh.length) await ctx.answers!.put(fresh);
}
