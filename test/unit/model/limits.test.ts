/** The submission size limits (pure): JSON depth, a regex's longest text, field and request checks, row sizes. */
import test from 'ava';
import { BadRequestError, ModelError } from '../../../src/errors.js';
import { readFieldSpec } from '../../../src/model/field-spec.js';
import { jsonTextTooDeepAt, valueTooDeep } from '../../../src/model/json-depth.js';
import { DEFAULT_LIMITS, LIMIT_VARIABLES, type Limits } from '../../../src/model/limits.js';
import { assertModelWithinLimits, assertRequestWithinLimits } from '../../../src/model/model-limits.js';
import { parseModel, parseModelText } from '../../../src/model/parse.js';
import { knownRowBytes } from '../../../src/model/row-size.js';
import { stringRegexMaxLength } from '../../../src/model/string-regex.js';

const limits = (over: Partial<Limits> = {}): Limits => ({ ...DEFAULT_LIMITS, ...over });

test('JSON text depth: counted outside strings, escapes skipped, the offending bracket located', (t) => {
  t.is(jsonTextTooDeepAt('{"a":[1,{"b":[]}]}', 4), undefined);
  t.is(jsonTextTooDeepAt('{"a":[1,{"b":[]}]}', 3), 13);
  t.is(jsonTextTooDeepAt('{"a":"[[[[[[\\"[[[["}', 1), undefined, 'brackets inside strings, after an escaped quote, do not count');
  t.is(jsonTextTooDeepAt('['.repeat(100_000) + ']'.repeat(100_000), 64), 64);
  t.is(jsonTextTooDeepAt('[]'.repeat(100_000), 1), undefined, 'siblings are not nesting');
});

test('parsed value depth: measured without recursion, also 100,000 deep', (t) => {
  let v: unknown = 1;
  for (let i = 0; i < 100_000; i++) v = { a: [v] };
  t.true(valueTooDeep(v, 64));
  t.false(valueTooDeep({ a: [1, { b: [] }] }, 4), 'the same count as the text: four levels');
  t.true(valueTooDeep({ a: [1, { b: [] }] }, 3));
  t.false(valueTooDeep('text', 0));
});

test('a regex\'s longest text: classes times their count (longest token), literals as they are', (t) => {
  t.is(stringRegexMaxLength('[a-z]{10}'), 10);
  t.is(stringRegexMaxLength('[A-G]{1}-[b-l]{2}-[3-7]{4}'), 9);
  t.is(stringRegexMaxLength('[A,Z,4,567,BBB]{3}'), 9, 'multi-character tokens count their longest');
  t.is(stringRegexMaxLength('id-[0-9]{}'), 4, '{} is one draw');
  t.is(stringRegexMaxLength('(a{1000}){1000}'), 15, 'no such quantifier in this dialect: literal text');
  t.is(stringRegexMaxLength('[a-z]{1000000000}'), 1e9);
  t.is(stringRegexMaxLength(`[a]{${'9'.repeat(400)}}`), Infinity);
  t.throws(() => stringRegexMaxLength('[]{2}'));
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

function modelError(fn: () => unknown): ModelError {
  const e = thrown(fn);
  if (!(e instanceof ModelError)) throw new Error(`expected a ModelError, got ${String(e)}`);
  return e;
}

test('model limits name the field, the limit and its variable', (t) => {
  const one = (field: Record<string, unknown>) => ({ Fields: [{ name: 'a', type: 'INTEGER' }, field] });
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ name: 's', type: 'STRING', length: 100_001 }, 'Fields[1].length', /at most 100000 \(DATAGEN_MAX_STRING_LENGTH\)/],
    [{ name: 's', type: 'HASH_MD5', length: '2e5' }, 'Fields[1].length', /DATAGEN_MAX_STRING_LENGTH/],
    [{ name: 'r', type: 'STRING_REGEX', regex: '[a-z]{10001}' }, 'Fields[1].regex', /can generate 10001 characters .*DATAGEN_MAX_REGEX_LENGTH/],
    [{ name: 'p', type: 'STRING', possible_values: Array.from({ length: 100_001 }, (_, i) => i) }, 'Fields[1].possible_values', /has 100001 values/],
  ];
  for (const [field, path, message] of cases) {
    const e = modelError(() => parseModel(one(field)));
    t.is(e.path, path);
    t.regex(e.message, message);
  }
  t.is(modelError(() => parseModel({ Fields: Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, type: 'INTEGER' })) }, limits({ fields: 10 }))).path, 'Fields');
  t.is(modelError(() => parseModel({ model_name: 'x'.repeat(201), Fields: [{ name: 'a', type: 'INTEGER' }] })).path, 'model_name');
  t.notThrows(() => parseModel(one({ name: 's', type: 'STRING', length: 100_000 })), 'the limit itself is allowed');
  t.notThrows(() => parseModel(one({ name: 's', type: 'STRING', length: 200_000 }), limits({ stringLength: 200_000 })), 'limits are configurable');
});

test('model text: size and depth are checked before parsing', (t) => {
  t.regex(modelError(() => parseModelText('{"Fields":[]}  ', 'm.json', limits({ modelBytes: 10 }))).message, /m\.json is 15 bytes; .*at most 10 \(DATAGEN_MAX_MODEL_BYTES\)/);
  t.regex(modelError(() => parseModelText('['.repeat(100_000) + ']'.repeat(100_000), 'm.json')).message, /m\.json nests deeper than 64 levels \(at character 64\)/);
});

test('a stored model is checked like a parsed one', (t) => {
  const stored = parseModel({ model_name: 'wide', Fields: [{ name: 's', type: 'STRING', length: 500 }] });
  t.notThrows(() => assertModelWithinLimits(stored, DEFAULT_LIMITS));
  t.is(modelError(() => assertModelWithinLimits(stored, limits({ stringLength: 100 }))).path, 'Fields[0].length');
  t.is(modelError(() => assertModelWithinLimits(stored, limits({ modelNameLength: 3 }))).path, 'model_name');
});

test('request limits: rows, batches, their product and a batch\'s known bytes, each naming its parameter', (t) => {
  const model = parseModel({ model_name: 'm', Fields: [{ name: 'id', type: 'INTEGER' }, { name: 'blob', type: 'BYTES', length: 1000 }] });
  const check = (rows: number, batches: number, over: Partial<Limits> = {}) => {
    const e = thrown(() => assertRequestWithinLimits({ rows, batches }, model, limits(over)));
    return e instanceof BadRequestError ? { message: e.message, parameter: e.details?.parameter } : undefined;
  };
  t.is(check(1000, 1000), undefined);
  t.like(check(1_000_000_001, 1), { parameter: 'rows' });
  t.regex(check(1_000_000_001, 1)!.message, /DATAGEN_MAX_ROWS/);
  t.is(check(50_000_000, 1), undefined, 'a batch streams: its size alone does not bound memory');
  t.like(check(1, 1_000_001), { parameter: 'batches' });
  const total = check(1_000_001, 1_000_000, { rows: 2e6, batchBytes: 2 ** 40 })!;
  t.is(total.parameter, 'batches');
  t.regex(total.message, /rows × batches = 1000001000000 rows; a command may generate at most 1000000000000 \(DATAGEN_MAX_TOTAL_ROWS\)/);
  t.is(check(1_000_000, 1_000_000, { batchBytes: 2 ** 40 }), undefined, 'exactly the total limit is allowed');
  // A chunk of this model is 4128 rows of 1016 bytes: over a 1 MB limit.
  const bytes = check(2_000_000, 1, { batchBytes: 1_000_000 })!;
  t.is(bytes.parameter, 'rows');
  t.regex(bytes.message, /4128 rows of model "m", the most a generator holds at once, hold at least 4194048 bytes \(Fields\[1\] "blob" alone up to 1000 bytes per row\).*DATAGEN_MAX_BATCH_BYTES/);
  t.is(check(100, 1, { batchBytes: 1_000_000 }), undefined, 'a batch smaller than a chunk holds only its rows');
});

test('known row size: fixed lengths, a regex\'s longest text, the longest possible value; small figures for the rest', (t) => {
  const specs = parseModel({
    Fields: [
      { name: 's', type: 'STRING', length: 50 },
      { name: 'r', type: 'STRING_REGEX', regex: '[a-z]{30}' },
      { name: 'p', type: 'STRING', possible_values: ['a', 'abcdefghijklmnopqrstuvwxyz0123456789'] },
      { name: 'n', type: 'INTEGER' },
      { name: 'f', type: 'STRING', formula: '"x".repeat(5)' },
    ],
  }).fields.map(readFieldSpec);
  t.deepEqual(knownRowBytes(specs), { bytes: 50 + 30 + 36 + 16 + 16, widest: { path: 'Fields[0]', name: 's', bytes: 50 } });
});

test('every limit has a variable', (t) => {
  t.deepEqual(Object.keys(LIMIT_VARIABLES).sort(), Object.keys(DEFAULT_LIMITS).sort());
  t.true(Object.values(LIMIT_VARIABLES).every((v) => /^DATAGEN_MAX_[A-Z_]+$/.test(v)));
});
