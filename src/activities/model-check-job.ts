/** A model check, run on a model-check thread: compile the model (submission) or generate its test row. */
import { BadRequestError } from '../errors.js';
import { compileModel } from '../model/compile.js';
import { apiRows } from '../model/api-rows.js';
import { testRow } from '../model/test-row.js';
import type { ModelCheckJob, ModelCheckResult } from './thread-jobs.js';

/** A test row (or the API's page of rows) is one answer of the API: beyond this it is a model of data, not rows to look at. */
export const MAX_TEST_ROW_CHARS = 16 * 1024 * 1024;

export async function runModelCheck(job: ModelCheckJob): Promise<ModelCheckResult> {
  if (job.check === 'compile') {
    const generator = await compileModel(job.model, job.env);
    generator.dispose?.();
    return undefined;
  }
  const seed = job.seed !== undefined ? { seed: job.seed } : {};
  const result = job.check === 'rows'
    ? await apiRows(job.model, job.env, { cacheKey: job.cacheKey!, rows: job.rows ?? 1, ...seed })
    : await testRow(job.model, job.env, seed);
  const chars = JSON.stringify(result).length;
  const what = job.check === 'rows' ? `the ${job.rows} rows` : 'the test row';
  if (chars > MAX_TEST_ROW_CHARS) throw new BadRequestError(`${what} of model "${job.model.name}" are ${chars} characters of JSON; one answer holds at most ${MAX_TEST_ROW_CHARS}`);
  return result;
}
