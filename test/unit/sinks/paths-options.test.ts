import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { isPreviousOutput } from '../../../src/sinks/files/delete-previous.js';
import { fileOptions } from '../../../src/sinks/files/options.js';
import { batchFileName, filePrefix, outputDir } from '../../../src/sinks/files/paths.js';
import { isWithin } from '../../../src/protected-paths.js';
import { cols, ctxFor, modelFor } from '../../helpers/readback-sinks.js';

const columns = cols({ a: 'STRING' });

test('options: defaults of the original, string values parsed', (t) => {
  t.deepEqual(fileOptions(modelFor('m', columns)), {
    oneFilePerIteration: true, deletePrevious: false, csvHeader: true,
    parquetPageSize: 1048576, parquetRowGroupSize: 134217728, parquetDictionaryPageSize: 1048576, parquetDictionaryEncoding: true,
  });
  const o = fileOptions(modelFor('m', columns, {}, { ONE_FILE_PER_ITERATION: 'FALSE', DELETE_PREVIOUS: ' true ', PARQUET_PAGE_SIZE: '3' }));
  t.false(o.oneFilePerIteration);
  t.true(o.deletePrevious);
  t.is(o.parquetPageSize, 3);
  t.throws(() => fileOptions(modelFor('m', columns, {}, { PARQUET_PAGE_SIZE: '1.5' })), { instanceOf: BadRequestError });
});

test('paths: default directory, names, prefix checks', (t) => {
  const ctx = ctxFor({ dataDir: '/srv/data', columns, batches: 1, name: 'my-model' });
  t.is(outputDir(ctx), '/srv/data/output/my-model');
  t.is(filePrefix(ctx), 'my-model');
  // A model name that is not a plain name cannot name the default directory or the files: a 400 naming model_name.
  const slash = ctxFor({ dataDir: '/srv/data', columns, batches: 1, name: 'my/model' });
  t.throws(() => outputDir(slash), { instanceOf: BadRequestError, message: /^model_name "my\/model" cannot name files: it contains a path separator/ });
  t.is(batchFileName('w', 123, 'csv'), 'w-0000000123.csv');
  t.true(isWithin('/a/b', '/a'));
  t.true(isWithin('/a', '/a'));
  t.false(isWithin('/ab', '/a'));
  t.false(isWithin('/a/../b', '/a'));
  t.true(isWithin('/a/..b', '/a'));
});

test('DELETE_PREVIOUS matches the names of the exact prefix only', (t) => {
  t.true(isPreviousOutput('w-0000000001.csv', 'w', 'csv'));
  t.true(isPreviousOutput('w.csv', 'w', 'csv'));
  t.false(isPreviousOutput('wx.csv', 'w', 'csv'));
  t.false(isPreviousOutput('w.csv.tmp', 'w', 'csv'));
  t.false(isPreviousOutput('xw.csv', 'w', 'csv'));
  t.false(isPreviousOutput('w-1.json', 'w', 'csv'));
});
