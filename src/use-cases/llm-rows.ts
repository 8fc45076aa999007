/**
 * The rows /model/test and GET /datagen/api/gen answer hold, from their model-check thread, each LLM field's prompt;
 * here the model answers them, as a batch's would be: the deployment's LLM settings, URL allow-list, model
 * directories, shared per-endpoint limit and budget. A seed the caller gave records the answers and reuses them
 * (the same rows again without calls, as a seeded command's); a seed drawn for the request asks anew.
 */
import type { Config } from '../config.js';
import { ForbiddenError, UpstreamError } from '../errors.js';
import { llmFillContext, type LlmFillSources } from '../activities/llm-fill-context.js';
import { fillLlmColumns, type LlmStats } from '../llm/fill.js';
import { LlmHttpError, LlmUnreachable } from '../llm/retry.js';
import type { LlmColumn, Row } from '../model/types.js';
import { sinkSettings } from '../sinks/context.js';
import type { Caller } from '../users/user-directory.js';

export interface LlmRowsDeps {
  config: Pick<Config, 'dataDir' | 'outputRoots' | 'properties' | 'protectedRoots' | 'allowedEndpoints' | 'modelTestLlmTimeoutMs'>;
  /** Recorded answers and the deployment's limits; absent (specs, tools): none recorded, limits of this request. */
  llm?: LlmFillSources;
}

/**
 * Replaces the prompts of `columns` in `rows` by the model's answers; a failing or slow endpoint is a 502 naming it.
 * A viewer may look at rows but not spend the deployment's model calls: a 403 naming the field.
 */
export async function answerLlmRows(deps: LlmRowsDeps, caller: Caller, rows: Row[], columns: readonly LlmColumn[], seed: number | undefined): Promise<LlmStats> {
  if (caller.role === 'viewer') {
    const [first] = columns;
    throw new ForbiddenError(`${first!.path} (${first!.spec.type}): answering LLM fields calls a model at the deployment's cost, which a viewer may not do (role user or admin)`);
  }
  const ctx = llmFillContext(sinkSettings(deps.config), deps.llm ?? {}, seed !== undefined ? { seed } : {});
  const timeoutMs = deps.config.modelTestLlmTimeoutMs;
  const stop = AbortSignal.timeout(timeoutMs);
  try {
    await fillLlmColumns(rows, 0, columns, { ...ctx, stop });
  } catch (err) {
    if (stop.aborted) {
      throw new UpstreamError(`the LLM answers of these rows took longer than ${timeoutMs} ms (DATAGEN_MODEL_TEST_LLM_TIMEOUT_MS): ask fewer rows, or give the field a pool_size`, { calls: ctx.stats.calls });
    }
    if (err instanceof LlmHttpError || err instanceof LlmUnreachable) throw new UpstreamError(err.message, { calls: ctx.stats.calls });
    throw err;
  }
  return ctx.stats;
}

/** `result` without its llmColumns, once they are answered: what the API shows. */
export function withoutLlmColumns<T extends { llmColumns?: LlmColumn[] }>(result: T): Omit<T, 'llmColumns'> {
  const { llmColumns: _, ...shown } = result;
  return shown;
}
