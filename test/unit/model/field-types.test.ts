/** Property tests: for every field type and property, every generated value respects its constraints. */
import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { fieldSpecs, parseModel } from '../../../src/model/parse.js';
import type { Row } from '../../../src/model/types.js';
import { checkValue, prepareChecks } from './field-checks.js';

const ROWS = 1000;
const NOW = Date.UTC(2026, 10, 28, 9, 30, 0);

test.before(prepareChecks);

async function generate(fields: unknown[], rows = ROWS, batch = 0): Promise<{ rows: Row[]; problems: string[] }> {
  const model = parseModel({ Fields: fields });
  const specs = fieldSpecs(model);
  const g = await compileModel(model, { dataDirs: [] });
  const out = g.generate(2024, batch, rows, { referenceTime: NOW });
  g.dispose?.();
  const problems: string[] = [];
  out.forEach((row, r) => {
    for (const spec of specs) {
      if (spec.ghost) continue;
      const p = checkValue(spec, row[spec.name], { rowIndex: batch * rows + r, referenceTime: NOW, row, specs });
      if (p && problems.length < 5) problems.push(`${spec.name}: ${p}`);
    }
  });
  return { rows: out, problems };
}

const CASES: Array<[string, Record<string, unknown>]> = [
  ['STRING default length 20', { type: 'STRING' }],
  ['STRING length 3', { type: 'STRING', length: 3 }],
  ['STRING_AZ', { type: 'STRING_AZ', length: 7 }],
  ['STRING_REGEX', { type: 'STRING_REGEX', regex: '[A-G]{1}-[b-l]{2}-[3-7]{4}' }],
  ['INTEGER default', { type: 'INTEGER' }],
  ['INTEGER range', { type: 'INTEGER', min: -10, max: 35 }],
  ['INTEGER max only', { type: 'INTEGER', max: 3 }],
  ['INTEGER single value', { type: 'INTEGER', min: 7, max: 7 }],
  ['LONG default', { type: 'LONG' }],
  ['LONG range', { type: 'LONG', min: 1000000000000, max: 1000001000000 }],
  ['LONG negative', { type: 'LONG', min: -1000, max: 1000 }],
  ['FLOAT', { type: 'FLOAT', min: 1, max: 4 }],
  ['FLOAT default', { type: 'FLOAT' }],
  ['INCREMENT_INTEGER', { type: 'INCREMENT_INTEGER', min: 120000, max: 5 }],
  ['INCREMENT_LONG', { type: 'INCREMENT_LONG', min: 123456789 }],
  ['BOOLEAN', { type: 'BOOLEAN' }],
  ['TIMESTAMP', { type: 'TIMESTAMP' }],
  ['BYTES', { type: 'BYTES', length: 33 }],
  ['HASH_MD5', { type: 'HASH_MD5', length: 50 }],
  ['BIRTHDATE', { type: 'BIRTHDATE', min_date: '1/1/1952', max_date: '1/1/2002' }],
  ['BIRTHDATE default', { type: 'BIRTHDATE' }],
  ['BIRTHDATE min/max as dates', { type: 'BIRTHDATE', min: '1/1/2015', max: '1/1/2022' }],
  ['DATE', { type: 'DATE', min_date: '2019-02-01T00:00:00Z', max_date: '2024-11-11T00:00:00Z' }],
  ['DATE use_now', { type: 'DATE', use_now: true }],
  ['DATE_AS_STRING', { type: 'DATE_AS_STRING', min_date: '2024-01-25T00:00:00Z', max_date: '2024-11-11T00:00:00Z', pattern: "EEEE',' dd 'of' LLLL YYYY, 'at' h a" }],
  ['NAME', { type: 'NAME' }],
  ['NAME France', { type: 'NAME', filters: ['France'] }],
  ['NAME Japan + Germany', { type: 'NAME', filters: ['Japan', 'Germany'] }],
  ['COUNTRY', { type: 'COUNTRY' }],
  ['CITY', { type: 'CITY' }],
  ['CITY France', { type: 'CITY', filters: ['france'] }],
  ['PHONE USA', { type: 'PHONE', filters: ['USA'] }],
  ['PHONE France + India', { type: 'PHONE', filters: ['France', 'India'] }],
  ['PHONE unfiltered', { type: 'PHONE' }],
  ['EMAIL', { type: 'EMAIL' }],
  ['EMAIL Japan', { type: 'EMAIL', filters: ['Japan'] }],
  ['IP', { type: 'IP' }],
  ['UUID', { type: 'UUID' }],
  ['STRING possible_values', { type: 'STRING', possible_values: ['NORTH', 'EAST', 'WEST', 'SOUTH'] }],
  ['INTEGER possible_values', { type: 'INTEGER', possible_values: [1, 5, '9'] }],
  ['LONG possible_values', { type: 'LONG', possible_values: ['9223372036854775807', 1] }],
  ['BOOLEAN weighted', { type: 'BOOLEAN', possible_values_weighted: { true: 1, false: 1000 } }],
  ['COUNTRY possible_values', { type: 'COUNTRY', possible_values: ['France', 'Spain'] }],
  ['EMAIL possible_values', { type: 'EMAIL', possible_values: ['a@b.c'] }],
  ['BIRTHDATE possible_values', { type: 'BIRTHDATE', possible_values: ['1/2/2000', '2001-03-04'] }],
  ['DATE possible_values', { type: 'DATE', possible_values: ['2020-01-01T00:00:00Z'] }],
  ['HASH_MD5 possible_values', { type: 'HASH_MD5', possible_values: ['abc'] }],
  ['TIMESTAMP possible_values', { type: 'TIMESTAMP', possible_values: [1, 2] }],
];

for (const [title, field] of CASES) {
  test(`${title}: every value respects its constraints`, async (t) => {
    const { rows, problems } = await generate([{ name: 'v', ...field }]);
    t.deepEqual(problems, []);
    t.is(rows.length, ROWS);
  });
}

test('INTEGER covers both ends of its inclusive range (the original never produced max without min)', async (t) => {
  const { rows } = await generate([{ name: 'v', type: 'INTEGER', max: 3 }]);
  t.deepEqual([...new Set(rows.map((r) => r.v))].sort(), [0, 1, 2, 3]);
});

test('STRING alphabets include lower-case w', async (t) => {
  const { rows } = await generate([{ name: 'v', type: 'STRING_AZ', length: 50 }], 200);
  t.true(rows.some((r) => (r.v as string).includes('w')));
});

test('weights are respected within tolerance', async (t) => {
  const { rows } = await generate([{ name: 'm', type: 'STRING', possible_values_weighted: { BRONZE: 64, SILVER: 16, GOLD: 9, PLATINUM: 11 } }], 20000);
  const share = (v: string) => rows.filter((r) => r.m === v).length / rows.length;
  t.true(Math.abs(share('BRONZE') - 0.64) < 0.02, `BRONZE ${share('BRONZE')}`);
  t.true(Math.abs(share('SILVER') - 0.16) < 0.02);
  t.true(Math.abs(share('GOLD') - 0.09) < 0.015);
  t.true(Math.abs(share('PLATINUM') - 0.11) < 0.015);
});

test('possible_values and possible_values_weighted merge (duplicates add weight)', async (t) => {
  const { rows } = await generate([{ name: 'm', type: 'STRING', possible_values: ['A', 'A', 'B'], possible_values_weighted: { B: 1, C: 0 } }], 20000);
  const a = rows.filter((r) => r.m === 'A').length / rows.length;
  t.true(Math.abs(a - 0.5) < 0.02, `A ${a}`);
  t.false(rows.some((r) => r.m === 'C'));
});

test('value types follow the contract', async (t) => {
  const { rows } = await generate([
    { name: 'l', type: 'LONG' }, { name: 'il', type: 'INCREMENT_LONG' }, { name: 'd', type: 'DATE' }, { name: 'b', type: 'BYTES' },
    { name: 'h', type: 'HASH_MD5' }, { name: 'bd', type: 'BIRTHDATE' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'i', type: 'INTEGER' },
  ], 3);
  const r = rows[0];
  t.is(typeof r.l, 'bigint');
  t.is(typeof r.il, 'bigint');
  t.true(r.d instanceof Date);
  t.true(r.b instanceof Uint8Array);
  t.true(r.h instanceof Uint8Array);
  t.regex(r.bd as string, /^\d{4}-\d{2}-\d{2}$/);
  t.is(r.ts, NOW);
  t.is(typeof r.i, 'number');
});

test('HASH_MD5 is the MD5 of a random string: 16 bytes, varied', async (t) => {
  const { rows } = await generate([{ name: 'h', type: 'HASH_MD5' }], 100);
  t.is(new Set(rows.map((r) => Buffer.from(r.h as Uint8Array).toString('hex'))).size, 100);
});

test('CITY filtered by country is population-weighted', async (t) => {
  const { rows } = await generate([{ name: 'c', type: 'CITY', filters: ['France'] }], 20000);
  const paris = rows.filter((r) => r.c === 'Paris').length / rows.length;
  t.true(paris > 0.03, `Paris share ${paris}`);
});

test('links: city coordinates and country, name sex, consistent with their source', async (t) => {
  const { rows, problems } = await generate([
    { name: 'city', type: 'CITY', filters: ['Germany', 'Spain'] },
    { name: 'lat', type: 'LINK', link: '$city.lat' },
    { name: 'long', type: 'LINK', conditionals: { link: '$city.long' } },
    { name: 'country', type: 'LINK', link: '$city.country' },
    { name: 'who', type: 'NAME', filters: ['France'] },
    { name: 'sex', type: 'LINK', link: '$who.sex' },
    { name: 'male', type: 'LINK', link: '$who.male' },
    { name: 'female', type: 'LINK', link: '$who.female' },
    { name: 'unisex', type: 'LINK', link: '$who.unisex' },
  ], 2000);
  t.deepEqual(problems, []);
  t.deepEqual([...new Set(rows.map((r) => r.country))].sort(), ['Germany', 'Spain']);
  for (const r of rows) {
    const flags = [r.male, r.female, r.unisex];
    t.is(flags.filter((f) => f === 'true').length, 1);
    t.is(r.sex, r.male === 'true' ? 'MALE' : r.female === 'true' ? 'FEMALE' : 'UNKNOWN');
  }
  t.true(rows.some((r) => r.sex === 'MALE') && rows.some((r) => r.sex === 'FEMALE'));
});

test('links to a NAME give a matching last name and full name, drawn only when read', async (t) => {
  const { rows, problems } = await generate([
    { name: 'first', type: 'NAME', filters: ['Italy'] },
    { name: 'last', type: 'LINK', link: '$first.last_name' },
    { name: 'full', type: 'LINK', link: '$first.full_name' },
  ], 500);
  t.deepEqual(problems, []);
  for (const r of rows) t.is(r.full, `${r.first} ${r.last}`);
  t.true(new Set(rows.map((r) => r.last)).size > 50);
});

test('injection substitutes values, names with digits included', async (t) => {
  const { rows } = await generate([
    { name: 'first_name', type: 'NAME', filters: ['USA'] },
    { name: 'id_2', type: 'INTEGER', min: 1, max: 9 },
    { name: 'email', type: 'STRING', injection: '${first_name}.${id_2}@company.com' },
  ], 100);
  for (const r of rows) t.is(r.email, `${r.first_name}.${r.id_2}@company.com`);
});

test('conditionals choose the first matching line and cast it (weather truth table)', async (t) => {
  const { rows } = await generate([
    { name: 'humidity_9_am', type: 'INTEGER', min: 0, max: 100 },
    { name: 'temperature_9_am', type: 'INTEGER', min: -10, max: 35 },
    { name: 'wind', type: 'STRING', possible_values: ['NORTH', 'SOUTH'] },
    { name: 'force', type: 'INTEGER', min: 0, max: 120 },
    { name: 'rain', type: 'BOOLEAN', conditionals: {
      '$humidity_9_am>70 & $temperature_9_am<20': 'true',
      '$wind=NORTH & $force>80 | $force>115': 'true',
      default: 'false' } },
    { name: 'level', type: 'INTEGER', conditionals: { '$force>=100': '3', '$force>=50': '2' } },
  ], 3000);
  for (const r of rows) {
    const h = r.humidity_9_am as number, tp = r.temperature_9_am as number, f = r.force as number;
    t.is(r.rain, (h > 70 && tp < 20) || (r.wind === 'NORTH' && f > 80) || f > 115);
    t.is(r.level, f >= 100 ? 3 : f >= 50 ? 2 : null, 'no matching line gives null for a number');
  }
});

test('a conditional result that does not fit the type is refused at compile time', async (t) => {
  await t.throwsAsync(() => compileModel(parseModel({ Fields: [{ name: 'n', type: 'INTEGER' }, { name: 'x', type: 'INTEGER', conditionals: { '$n>5': 'high' } }] }), { dataDirs: [] }), {
    message: /Fields\[1\]\.conditionals\["\$n>5"\].*"high" is not a number/,
  });
});

test('ghost fields are generated, usable, and not output', async (t) => {
  const model = parseModel({ Fields: [{ name: 'n', type: 'INTEGER', ghost: 'true', min: 5, max: 5 }, { name: 's', type: 'STRING', injection: 'n=${n}' }] });
  const g = await compileModel(model, { dataDirs: [] });
  t.deepEqual(g.columns, [{ name: 's', type: 'STRING' }]);
  t.deepEqual(g.generate(1, 0, 2), [{ s: 'n=5' }, { s: 'n=5' }]);
});

test('phone numbers are valid numbers of their country for at least 97% of values', async (t) => {
  const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
  for (const country of ['USA', 'France', 'Germany', 'Japan', 'India', 'Brazil', 'UK']) {
    const { rows } = await generate([{ name: 'p', type: 'PHONE', filters: [country] }], 500);
    const valid = rows.filter((r) => parsePhoneNumberFromString(r.p as string)?.isValid()).length / rows.length;
    t.true(valid >= 0.97, `${country}: ${valid}`);
  }
});
