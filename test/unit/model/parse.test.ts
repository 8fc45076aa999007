import test from 'ava';
import { ModelError } from '../../../src/errors.js';
import { parseModel, parseModelText } from '../../../src/model/parse.js';

const field = (f: Record<string, unknown>) => ({ Fields: [{ name: 'a', type: 'STRING' }, f] });

function errorOf(json: unknown): ModelError {
  const e = (() => {
    try {
      parseModel(json);
    } catch (err) {
      return err;
    }
    return undefined;
  })();
  if (!(e instanceof ModelError)) throw new Error(`expected a ModelError, got ${String(e)}`);
  return e;
}

test('a minimal model loads with defaults', (t) => {
  const m = parseModel({ Fields: [{ name: 'x', type: 'INTEGER' }] });
  t.true(m.name.startsWith('__UNNAMED-'));
  t.deepEqual(m.fields, [{ name: 'x', type: 'INTEGER', ghost: false, props: {} }]);
  t.deepEqual(m.tableNames, {});
  t.is(m.warnings, undefined);
});

test('invalid JSON names the source', (t) => {
  const e = t.throws(() => parseModelText('{"Fields": [', 'upload.json'), { instanceOf: ModelError });
  t.regex(e!.message, /upload\.json is not valid JSON/);
  t.is(e!.status, 400);
});

test('Fields must be a non-empty array', (t) => {
  t.is(errorOf({}).path, 'Fields');
  t.is(errorOf({ Fields: [] }).path, 'Fields');
  t.is(errorOf([]).path, undefined);
});

test('missing name and type are reported with their path', (t) => {
  t.is(errorOf({ Fields: [{ type: 'STRING' }] }).path, 'Fields[0].name');
  t.is(errorOf(field({ name: 'b' })).path, 'Fields[1].type');
});

test('unknown type suggests close ones', (t) => {
  const e = errorOf(field({ name: 'b', type: 'INTEGR' }));
  t.is(e.path, 'Fields[1].type');
  t.regex(e.message, /unknown type "INTEGR".*did you mean INTEGER/);
});

test('legacy spellings are accepted and normalised, types are case-insensitive', (t) => {
  const m = parseModel({ Fields: [{ name: 'a', type: 'STRINGAZ' }, { name: 'b', type: 'HASHMD5' }, { name: 'c', type: 'uuid' }] });
  t.deepEqual(m.fields.map((f) => f.type), ['STRING_AZ', 'HASH_MD5', 'UUID']);
});

for (const type of ['OLLAMA', 'OPEN_AI', 'OPENAI', 'BEDROCK']) {
  test(`LLM type ${type} loads; without a request it is refused naming the property`, (t) => {
    t.notThrows(() => parseModelText(JSON.stringify({ Fields: [{ name: 'a', type: 'STRING' }, { name: 'review', type, request: 'write ${a}' }] }), 'm'));
    const e = errorOf(field({ name: 'review', type }));
    t.is(e.path, 'Fields[1].request');
    t.regex(e.message, /required for .* field "review"/);
  });
}

test('LOCAL_LLM needs its GGUF file', (t) => {
  t.is(errorOf(field({ name: 'review', type: 'LOCAL_LLM', request: 'hi' })).path, 'Fields[1].file');
});

test('__proto__ cannot name a field', (t) => {
  t.is(errorOf({ Fields: [{ name: '__proto__', type: 'STRING' }] }).path, 'Fields[0].name');
});

test('duplicate field names are refused', (t) => {
  t.is(errorOf({ Fields: [{ name: 'a', type: 'STRING' }, { name: 'a', type: 'INTEGER' }] }).path, 'Fields[1].name');
});

test('ghost accepts true, "true", false, "false" and refuses anything else', (t) => {
  const m = parseModel({ Fields: [{ name: 'a', type: 'STRING', ghost: true }, { name: 'b', type: 'STRING', ghost: 'true' }, { name: 'c', type: 'STRING', ghost: 'false' }, { name: 'd', type: 'STRING' }] });
  t.deepEqual(m.fields.map((f) => f.ghost), [true, true, false, false]);
  t.is(errorOf(field({ name: 'b', type: 'STRING', ghost: 'yes' })).path, 'Fields[1].ghost');
});

test('numeric properties are validated with their path', (t) => {
  t.is(errorOf(field({ name: 'b', type: 'INTEGER', min: 'ten' })).path, 'Fields[1].min');
  t.is(errorOf(field({ name: 'b', type: 'INTEGER', min: 1.5 })).path, 'Fields[1].min');
  t.is(errorOf(field({ name: 'b', type: 'INTEGER', max: 3e9 })).path, 'Fields[1].max');
  t.is(errorOf(field({ name: 'b', type: 'LONG', max: '99999999999999999999' })).path, 'Fields[1].max');
  t.is(errorOf(field({ name: 'b', type: 'STRING', length: 'long' })).path, 'Fields[1].length');
  const e = errorOf(field({ name: 'b', type: 'INTEGER', min: 10, max: 5 }));
  t.is(e.path, 'Fields[1].min');
  t.regex(e.message, /min \(10\) is greater than max \(5\)/);
  t.notThrows(() => parseModel(field({ name: 'b', type: 'LONG', min: '-9223372036854775808', max: '9223372036854775807' })));
  t.notThrows(() => parseModel(field({ name: 'b', type: 'FLOAT', min: -1.5, max: '2.25' })));
});

test('dates are validated in the form of their type', (t) => {
  t.notThrows(() => parseModel(field({ name: 'b', type: 'BIRTHDATE', min_date: '1/1/1952', max_date: '2002-01-01' })));
  t.is(errorOf(field({ name: 'b', type: 'BIRTHDATE', min_date: '31/2/1952' })).path, 'Fields[1].min_date');
  t.is(errorOf(field({ name: 'b', type: 'DATE', max_date: 'yesterday' })).path, 'Fields[1].max_date');
  t.is(errorOf(field({ name: 'b', type: 'DATE', min_date: '2024-01-01T00:00:00Z', max_date: '2023-01-01T00:00:00Z' })).path, 'Fields[1].min_date');
  t.is(errorOf(field({ name: 'b', type: 'DATE', use_now: 'sometimes' })).path, 'Fields[1].use_now');
  t.is(errorOf(field({ name: 'b', type: 'DATE_AS_STRING', pattern: 'yyyy-MM-dd bb' })).path, 'Fields[1].pattern');
});

test('possible values: shapes and weights are validated', (t) => {
  t.is(errorOf(field({ name: 'b', type: 'STRING', possible_values: 'A,B' })).path, 'Fields[1].possible_values');
  t.is(errorOf(field({ name: 'b', type: 'STRING', possible_values: [{}] })).path, 'Fields[1].possible_values[0]');
  t.is(errorOf(field({ name: 'b', type: 'STRING', possible_values_weighted: { A: -1 } })).path, 'Fields[1].possible_values_weighted.A');
  t.is(errorOf(field({ name: 'b', type: 'STRING', possible_values_weighted: { A: 0 } })).path, 'Fields[1].possible_values_weighted');
  t.is(errorOf(field({ name: 'b', type: 'STRING', possible_values: [] })).path, 'Fields[1].possible_values');
});

test('country filters must name countries, with suggestions', (t) => {
  t.notThrows(() => parseModel(field({ name: 'b', type: 'CITY', filters: ['France', 'usa', 'UK', 'Türkiye', 'turkey', 'DE'] })));
  const e = errorOf(field({ name: 'b', type: 'NAME', filters: ['France', 'Frnace'] }));
  t.is(e.path, 'Fields[1].filters[1]');
  t.regex(e.message, /unknown country "Frnace".*did you mean France/);
});

test('STRING_REGEX needs a regex; CSV needs file and field', (t) => {
  t.is(errorOf(field({ name: 'b', type: 'STRING_REGEX' })).path, 'Fields[1].regex');
  t.is(errorOf(field({ name: 'b', type: 'STRING_REGEX', regex: '[]{3}' })).path, 'Fields[1].regex');
  t.is(errorOf(field({ name: 'b', type: 'CSV', field: 'x' })).path, 'Fields[1].file');
  t.is(errorOf(field({ name: 'b', type: 'CSV', file: 'x.csv' })).path, 'Fields[1].field');
  t.is(errorOf(field({ name: 'b', type: 'CSV', file: 'x.csv', field: 'x', filters: ['nope'] })).path, 'Fields[1].filters[0]');
});

test('conditionals: syntax errors name the line', (t) => {
  const e = errorOf(field({ name: 'b', type: 'STRING', conditionals: { '$a ~ 3': 'x' } }));
  t.is(e.path, 'Fields[1].conditionals["$a ~ 3"]');
  t.regex(e.message, /expected an operator/);
  t.is(errorOf(field({ name: 'b', type: 'STRING', conditionals: {} })).path, 'Fields[1].conditionals');
  t.is(errorOf(field({ name: 'b', type: 'STRING', conditionals: { '$a=1': ['x'] } })).path, 'Fields[1].conditionals["$a=1"]');
});

test('references to unknown columns are refused with a suggestion', (t) => {
  const e = errorOf({ Fields: [{ name: 'humidity_9_am', type: 'INTEGER' }, { name: 'r', type: 'STRING', conditionals: { '$humidity_9am>70': 'x', default: 'y' } }] });
  t.is(e.path, 'Fields[1].conditionals["$humidity_9am>70"]');
  t.regex(e.message, /unknown column "humidity_9am".*did you mean humidity_9_am/);
  t.is(errorOf(field({ name: 'b', type: 'STRING', injection: '${nope}@x' })).path, 'Fields[1].injection');
  t.is(errorOf(field({ name: 'b', type: 'INTEGER', formula: '${nope} + 1' })).path, 'Fields[1].formula');
  t.is(errorOf(field({ name: 'b', type: 'LINK', link: '$nope.lat' })).path, 'Fields[1].link');
});

test('a computed field may only read computed fields defined before it', (t) => {
  const e = errorOf({ Fields: [{ name: 'a', type: 'STRING', injection: '${b}!' }, { name: 'b', type: 'STRING', injection: 'x' }] });
  t.is(e.path, 'Fields[0].injection');
  t.regex(e.message, /defined after it/);
  t.notThrows(() => parseModel({ Fields: [{ name: 'a', type: 'STRING', injection: 'x' }, { name: 'b', type: 'STRING', injection: '${a}!' }] }));
  t.notThrows(() => parseModel({ Fields: [{ name: 'a', type: 'STRING', injection: '${b}!' }, { name: 'b', type: 'INTEGER' }] }));
  t.regex(errorOf({ Fields: [{ name: 'a', type: 'STRING', injection: '${a}!' }] }).message, /refers to itself/);
});

test('links must read an attribute their source offers', (t) => {
  const base = [{ name: 'city', type: 'CITY' }, { name: 'who', type: 'NAME' }, { name: 'n', type: 'INTEGER' }];
  t.notThrows(() => parseModel({ Fields: [...base, { name: 'l', type: 'LINK', link: '$city.lat' }, { name: 's', type: 'LINK', conditionals: { link: '$who.sex' } }] }));
  const e = errorOf({ Fields: [...base, { name: 'l', type: 'LINK', link: '$city.latitude' }] });
  t.is(e.path, 'Fields[3].link');
  t.regex(e.message, /no attribute "latitude".*lat, long, country/);
  t.regex(errorOf({ Fields: [...base, { name: 'l', type: 'LINK', link: '$n.x' }] }).message, /links read CITY, NAME or CSV/);
  t.is(errorOf({ Fields: [...base, { name: 'l', type: 'LINK', link: 'city.lat' }] }).path, 'Fields[3].link');
  t.regex(errorOf({ Fields: [{ name: 'c', type: 'CITY', possible_values: ['Paris'] }, { name: 'l', type: 'LINK', link: '$c.lat' }] }).message, /possible_values, not from a CITY record/);
  t.regex(errorOf({ Fields: [{ name: 'c', type: 'CSV', file: 'f.csv', field: 'x', injection: 'y' }, { name: 'l', type: 'LINK', link: '$c.x' }] }).message, /a computation/);
});

test('Table_Names and Options: legacy arrays merge, values become text', (t) => {
  const m = parseModel({
    Fields: [{ name: 'a', type: 'STRING' }],
    Table_Names: [{ LOCAL_FILE_PATH: '/tmp/x/' }, { LOCAL_FILE_NAME: 'x' }],
    Options: [{ CSV_HEADER: true }, { KUDU_BUCKETS: 3 }],
    Primary_Keys: [{ KUDU_PRIMARY_KEYS: 'a' }],
  });
  t.deepEqual(m.tableNames, { LOCAL_FILE_PATH: '/tmp/x/', LOCAL_FILE_NAME: 'x' });
  t.deepEqual(m.options, { CSV_HEADER: 'true', KUDU_BUCKETS: '3' });
  t.deepEqual(m.primaryKeys, { KUDU_PRIMARY_KEYS: 'a' });
  t.is(errorOf({ Fields: [{ name: 'a', type: 'STRING' }], Options: ['x'] }).path, 'Options[0]');
});

test('unknown Table_Names/Options keys and properties are warnings with suggestions, not errors', (t) => {
  const m = parseModel({
    Fields: [{ name: 'a', type: 'BIRTHDATE', min_Date: '1/1/2000' }],
    Table_Names: { LOCAL_FILE_PAHT: '/tmp/' },
    Options: { CSV_HEADERS: true, KAFKA_MSG_KEY: 'b' },
  });
  t.deepEqual(m.warnings, [
    'Fields[0].min_Date: unknown property of field "a", ignored (did you mean min_date?)',
    'Table_Names.LOCAL_FILE_PAHT: unknown key, ignored (did you mean LOCAL_FILE_PATH?)',
    'Options.CSV_HEADERS: unknown key, ignored (did you mean CSV_HEADER?)',
    'Options.KAFKA_MSG_KEY: "b" is not a field of the model (did you mean a?)',
  ]);
});

test('properties the field type ignores are warnings', (t) => {
  const m = parseModel({ Fields: [{ name: 'a', type: 'INTEGER', length: 5, pattern: 'yyyy' }, { name: 'b', type: 'STRING', length: 5 }] });
  t.deepEqual(m.warnings, [
    'Fields[0].length: ignored by type INTEGER (read by STRING, STRING_AZ, BYTES, HASH_MD5)',
    'Fields[0].pattern: ignored by type INTEGER (read by DATE_AS_STRING)',
  ]);
});

test('known options with a value of the wrong kind are errors', (t) => {
  const bad = (Options: Record<string, unknown>) => errorOf({ Fields: [{ name: 'a', type: 'STRING' }], Options });
  t.is(bad({ CSV_HEADER: 'maybe' }).path, 'Options.CSV_HEADER');
  t.is(bad({ KUDU_BUCKETS: 'many' }).path, 'Options.KUDU_BUCKETS');
  t.regex(bad({ HIVE_TABLE_FORMAT: 'XML' }).message, /must be one of ORC, PARQUET/);
  t.notThrows(() => parseModel({ Fields: [{ name: 'a', type: 'STRING' }], Options: { KAFKA_MESSAGE_TYPE: 'avro', DELETE_PREVIOUS: 'true' } }));
});
