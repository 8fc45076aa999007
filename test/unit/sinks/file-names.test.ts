/** File names: plain name parts, the DELETE_PREVIOUS matcher, stale temporary files, the execution number. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { tempPathFor } from '../../../src/sinks/files/atomic-file.js';
import { isPreviousOutput, isStaleTemp } from '../../../src/sinks/files/delete-previous.js';
import { batchFileName, executionNumber, executionPrefix, filePrefix, partsDirName, singleFileName } from '../../../src/sinks/files/paths.js';
import { MAX_NAME_PART_BYTES, plainName, plainNameProblem } from '../../../src/sinks/files/plain-name.js';
import { SCHEDULE_EXECUTION_PROPERTY } from '../../../src/sinks/types.js';
import { cols, ctxFor } from '../../helpers/readback-sinks.js';

const columns = cols({ a: 'STRING' });

test('plain names: one path component that stays where it is joined', (t) => {
  for (const ok of ['customers-usa', 'a.b', 'données', 'x y', '.hidden', 'a+b(c)[d]*', 'e'.repeat(MAX_NAME_PART_BYTES)]) t.is(plainNameProblem(ok), undefined, ok);
  const bad: [string, RegExp][] = [
    ['', /empty/], ['a/b', /separator/], ['a\\b', /separator/], ['/abs', /separator/], ['..', /".."/], ['../x', /separator|".."/], ['x..y', /".."/],
    ['.', /"\."/], ['a\u0000b', /control/], ['a\nb', /control/], ['a\u007fb', /control/], ['a\u009bb', /control/],
    ['e'.repeat(MAX_NAME_PART_BYTES + 1), /longer than 160 bytes/], ['é'.repeat(81), /longer than 160 bytes/],
  ];
  for (const [value, re] of bad) t.regex(plainNameProblem(value) ?? '', re, JSON.stringify(value));
  const err = t.throws(() => plainName('../../etc/x', 'Table_Names.LOCAL_FILE_NAME'), { instanceOf: BadRequestError });
  t.regex(err!.message, /^Table_Names\.LOCAL_FILE_NAME "\.\.\/\.\.\/etc\/x" cannot name files/);
  t.deepEqual((err as BadRequestError).details, { field: 'Table_Names.LOCAL_FILE_NAME' });
  // The rejected value is shown bounded and printable.
  t.false(t.throws(() => plainName(`a\u0000${'b'.repeat(500)}`, 'model_name'))!.message.includes('\u0000'));
  t.true(t.throws(() => plainName(`a/${'b'.repeat(500)}`, 'model_name'))!.message.length < 300);
});

test('the longest name built from a maximal part stays under 255 bytes', (t) => {
  const part = 'é'.repeat(MAX_NAME_PART_BYTES / 2);
  const prefix = executionPrefix(part, 999_999_999);
  const longest = [
    tempPathFor(`/d/${batchFileName(prefix, 9_999_999_999, 'parquet')}`).slice(3),
    tempPathFor(`/d/${singleFileName(prefix, 'parquet')}`).slice(3),
    partsDirName(prefix, 'parquet', '0d6c3b39-6a4b-4e5f-8e3a-2c7f3d8b9e10'),
  ];
  for (const name of longest) t.true(Buffer.byteLength(name) <= 255, `${Buffer.byteLength(name)} bytes: ${name}`);
});

test('DELETE_PREVIOUS: the names of the exact prefix, executions included, nothing that merely starts alike', (t) => {
  for (const name of ['c-0000000000.json', 'c-0000000123.json', 'c.json', 'c-execution-000001-0000000000.json', 'c-execution-000012.json', 'c-execution-1234567-0000000002.json', 'c-00000000001.json']) {
    t.true(isPreviousOutput(name, 'c', 'json'), name);
  }
  for (const name of [
    'customers-usa-0000000000.json', 'c-1.json', 'c-000000000.json', 'c-0000000000.csv', 'c-0000000000.json.bak', 'xc.json', 'c.json.tmp', 'c-.json', 'cc.json',
    'c-execution-1-0000000000.json', 'c-execution-000001-1.json', 'c-execution-.json', '.c-0000000000.json.1-0a1b2c3d.tmp', 'c--0000000000.json',
  ]) {
    t.false(isPreviousOutput(name, 'c', 'json'), name);
  }
});

test('DELETE_PREVIOUS: a prefix with regular-expression metacharacters is matched literally', (t) => {
  const prefix = 'a.b+(c)[d]*$^|?{2}\\w';
  t.true(isPreviousOutput(`${prefix}-0000000001.csv`, prefix, 'csv'));
  t.true(isPreviousOutput(`${prefix}.csv`, prefix, 'csv'));
  t.false(isPreviousOutput('aXb+(c)[d]*$^|?{2}\\w.csv', prefix, 'csv'), '"." is not a wildcard');
  t.false(isPreviousOutput('a.bb(c)[d]*$^|?{2}\\w.csv', prefix, 'csv'), '"+" is not a repetition');
  t.false(isPreviousOutput('a.b+(c)d.csv', 'a.b+(c)[d]', 'csv'), '"[d]" is not a class');
  t.true(isPreviousOutput('x-0000000001.c.v', 'x', 'c.v'));
  t.false(isPreviousOutput('x-0000000001.cXv', 'x', 'c.v'), 'the extension is literal too');
});

test('stale temporary files: only those of the exact prefix, as tempPathFor names them', (t) => {
  const temp = (file: string) => tempPathFor(`/d/${file}`).slice(3);
  t.true(isStaleTemp(temp('c-0000000004.json'), 'c', 'json'));
  t.true(isStaleTemp(temp('c.json'), 'c', 'json'));
  t.true(isStaleTemp(temp('c-execution-000002-0000000000.json'), 'c-execution-000002', 'json'));
  t.false(isStaleTemp(temp('customers-0000000004.json'), 'c', 'json'));
  t.false(isStaleTemp(temp('c-0000000004.csv'), 'c', 'json'));
  t.false(isStaleTemp('c-0000000004.json', 'c', 'json'), 'a finished file is not a temporary one');
  t.false(isStaleTemp('.c-0000000004.json.tmp', 'c', 'json'));
  t.false(isStaleTemp(temp('c-execution-000002-0000000000.json'), 'c', 'json'), "another execution's temporary files are its own");
});

test('the execution number the scheduler sets is digits only where it names files', (t) => {
  const ctx = (value?: string) => {
    const c = ctxFor({ dataDir: '/srv/data', columns, batches: 1, name: 'sched' });
    if (value !== undefined) c.settings.properties[SCHEDULE_EXECUTION_PROPERTY] = value;
    return c;
  };
  t.is(executionNumber(ctx()), undefined);
  t.is(filePrefix(ctx()), 'sched');
  t.is(executionNumber(ctx('12')), 12);
  t.is(filePrefix(ctx('12')), 'sched-execution-000012');
  t.is(filePrefix(ctx('1234567')), 'sched-execution-1234567');
  for (const bad of ['/../../../../tmp/x', '1/..', '-1', '1e3', ' 1', '', '１', '0x1', '1'.repeat(13)]) {
    t.throws(() => filePrefix(ctx(bad)), { instanceOf: BadRequestError, message: /DATAGEN_SCHEDULE_EXECUTION .* is not an execution number/ }, bad);
  }
});

test('model_name and LOCAL_FILE_NAME are validated where the path is built, naming the field', (t) => {
  const cases: [Partial<Parameters<typeof ctxFor>[0]>, RegExp][] = [
    [{ name: '../../../tmp/evil' }, /^model_name /],
    [{ name: 'x..y' }, /^model_name /],
    [{ name: 'a\u0000b' }, /^model_name /],
    [{ name: 'n'.repeat(161) }, /^model_name .*longer than 160 bytes/],
    [{ tableNames: { LOCAL_FILE_NAME: '..' } }, /^Table_Names\.LOCAL_FILE_NAME /],
    [{ tableNames: { LOCAL_FILE_NAME: 'a%2F..%2Fb/c' } }, /^Table_Names\.LOCAL_FILE_NAME .*separator/],
    [{ tableNames: { LOCAL_FILE_NAME: 'tab\there' } }, /^Table_Names\.LOCAL_FILE_NAME .*control/],
  ];
  for (const [input, re] of cases) {
    const ctx = ctxFor({ dataDir: '/srv/data', columns, batches: 1, ...input });
    t.throws(() => filePrefix(ctx), { instanceOf: BadRequestError, message: re }, JSON.stringify(input));
  }
  // An explicit LOCAL_FILE_NAME makes the model name irrelevant to the names (not to the default directory).
  const named = ctxFor({ dataDir: '/srv/data', columns, batches: 1, name: 'a/b', tableNames: { LOCAL_FILE_PATH: 'out', LOCAL_FILE_NAME: 'ok' } });
  t.is(filePrefix(named), 'ok');
  t.throws(() => partsDirName('p', 'json', '../x'), { instanceOf: BadRequestError, message: /^commandUuid / });
});
