/** A model check, run on a model-check thread: compile the model (submission) or generate its test row. */
import { BadRequestError } from '../errors.js';
import { compileModel } from '../model/compile.js';
import { testRow, type TestRowResult } from '../model/test-row.js';
import type { ModelCheckJob } from './thread-jobs.js';

/** A test row is one answer of the API: beyond this it is a model of data, not a row to look at. */
export const MAX_TEST_ROW_CHARS = 16 * 1024 * 1024;

export async function runModelCheck(job: ModelCheckJob): Promise<TestRowResult | undefined> {
  if (job.check === 'compile') {
    const generator = await compileModel(job.model, job.env);
    generator.dispose?.();
    return undefined;
  }
  const result = await testRow(job.model, job.env, job.seed !== undefined ? { seed: job.seed } : {});
  const chars = JSON.stringify(result).length;
  if (chars > MAX_TEST_ROW_CHARS) throw new BadRequestError(`the test row of model "${job.model.name}" is ${chars} characters of JSON; a model test answers at most ${MAX_TEST_ROW_CHARS}`);
  return result;
}
