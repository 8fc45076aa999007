/**
 * Fills a chunk's LLM columns: the generated rows hold each LLM field's prompt (its `${col}` placeholders filled),
 * replaced here by the model's answer. Calls run concurrently up to a limit, retried on 429/5xx, counted against
 * the command's budget. Pool mode (pool_size N) asks at most N answers per distinct prompt, each row sampling one
 * of them. A seeded command derives each call's seed (given to the server) and pool choice from its seed; unseeded,
 * each run asks anew.
 */
import type { LlmColumn, Row } from '../model/types.js';
import { cleanAnswer } from './answer-text.js';
import type { LlmBudget } from './budget.js';
import { llmCallSettings, type LlmCallSettings } from './call-settings.js';
import { runLimited } from './limit.js';
import type { LlmCall } from './provider.js';
import { withRetries } from './retry.js';
import type { LlmRunSettings } from './run-settings.js';
import { assertLlmUrlAllowed } from './url-policy.js';

export interface LlmStats {
  calls: number;
  tokens: number;
}

export interface LlmFillContext {
  properties: Readonly<Record<string, string>>;
  allowedUrls: readonly string[];
  run: LlmRunSettings;
  call: (type: LlmCallSettings['type']) => LlmCall;
  budget: LlmBudget;
  /** The command's seed; absent for a command run without one. */
  seed?: number;
  /** Answers of this command already asked, by key: pool answers are asked once per actor. */
  cache: Map<string, Promise<string>>;
  stats: LlmStats;
  sleep: (ms: number) => Promise<void>;
  stop?: AbortSignal;
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

async function ask(s: LlmCallSettings, field: string, prompt: string, slot: string, ctx: LlmFillContext): Promise<string> {
  ctx.budget.take();
  ctx.stats.calls++;
  const seed = ctx.seed === undefined ? undefined : hash32(`${ctx.seed}:${field}:${slot}`) & 0x7fffffff;
  const answer = await withRetries(() => {
    const signal = ctx.stop ? AbortSignal.any([ctx.stop, AbortSignal.timeout(ctx.run.timeoutMs)]) : AbortSignal.timeout(ctx.run.timeoutMs);
    return ctx.call(s.type)(s, { prompt, signal, ...(seed !== undefined ? { seed } : {}) });
  }, { retries: ctx.run.retries, sleep: ctx.sleep });
  ctx.budget.record(answer.tokens);
  ctx.stats.tokens += answer.tokens;
  return cleanAnswer(answer.text);
}

/** Replaces each LLM column's prompt by its answer in `rows` (rows firstRow… of the command). */
export async function fillLlmColumns(rows: Row[], firstRow: number, columns: readonly LlmColumn[], ctx: LlmFillContext): Promise<void> {
  const tasks: Array<() => Promise<void>> = [];
  for (const column of columns) {
    const s = llmCallSettings(column.spec, ctx.properties);
    assertLlmUrlAllowed(s.url, ctx.allowedUrls, `${column.path}.url`);
    const pool = column.spec.poolSize;
    // One call per distinct key in this chunk (and per command for pools): rows sharing it share the answer.
    const pending = new Map<string, { prompt: string; slot: string; rows: number[] }>();
    for (let r = 0; r < rows.length; r++) {
      const prompt = String(rows[r]![column.name] ?? '');
      const slot = pool ? `p${poolIndex(ctx.seed, column.name, firstRow + r, pool)}` : `r${firstRow + r}`;
      const key = `${prompt}\u0000${slot}`;
      const entry = pending.get(key);
      if (entry) entry.rows.push(r);
      else pending.set(key, { prompt, slot, rows: [r] });
    }
    for (const [key, { prompt, slot, rows: at }] of pending) {
      const cacheKey = pool ? `${column.name}\u0000${key}` : undefined;
      tasks.push(async () => {
        let answer = cacheKey ? ctx.cache.get(cacheKey) : undefined;
        if (!answer) {
          answer = ask(s, column.name, prompt, slot, ctx);
          if (cacheKey) {
            ctx.cache.set(cacheKey, answer);
            answer.catch(() => ctx.cache.delete(cacheKey));
          }
        }
        const text = await answer;
        for (const r of at) rows[r]![column.name] = text;
      });
    }
  }
  await runLimited(tasks, ctx.run.concurrency);
}
