/**
 * The model checks port of the use cases: compile a model as a batch would (submission, storing) and generate
 * its test row. The service runs them on a pool of limited threads (activities/model-check-pool.ts); specs and
 * tools may run them on the calling thread.
 */
import { runModelCheck } from '../activities/model-check-job.js';
import type { CompileEnv } from '../model/compile.js';
import type { ApiRowsRequest, ApiRowsResult } from '../model/api-rows.js';
import type { TestRowResult } from '../model/test-row.js';
import type { ModelDefinition } from '../model/types.js';

export interface ModelChecks {
  /** Resolves when the model compiles; a 400 for what only compilation finds (a formula, a CSV file). */
  compile(model: ModelDefinition, env: CompileEnv): Promise<void>;
  testRow(model: ModelDefinition, env: CompileEnv, seed?: number): Promise<TestRowResult>;
  /** GET /datagen/api/gen's rows; the model stays compiled under request.cacheKey. */
  apiRows(model: ModelDefinition, env: CompileEnv, request: ApiRowsRequest): Promise<ApiRowsResult>;
}

/** The checks on the calling thread, with no thread limits. */
export const inProcessModelChecks: ModelChecks = {
  async compile(model, env) {
    await runModelCheck({ id: 0, check: 'compile', model, env });
  },
  async testRow(model, env, seed) {
    return (await runModelCheck({ id: 0, check: 'test', model, env, ...(seed !== undefined ? { seed } : {}) })) as TestRowResult;
  },
  async apiRows(model, env, { cacheKey, rows, seed }) {
    return (await runModelCheck({ id: 0, check: 'rows', model, env, cacheKey, rows, ...(seed !== undefined ? { seed } : {}) })) as ApiRowsResult;
  },
};
