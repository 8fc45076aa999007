/** Date patterns, the STRING_REGEX mini-language, country resolution, CSV sources and their confinement, testRow. */
import test from 'ava';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelError } from '../../../src/errors.js';
import { compileModel } from '../../../src/model/compile.js';
import { compileDatePattern } from '../../../src/model/date-format.js';
import { formatDay, parseDay, parseInstant } from '../../../src/model/dates.js';
import { countryName, resolveCountry } from '../../../src/model/dictionaries/countries.js';
import { firstNames } from '../../../src/model/dictionaries/names.js';
import { parseModel } from '../../../src/model/parse.js';
import { batchPrng } from '../../../src/model/prng.js';
import { compileStringRegex } from '../../../src/model/string-regex.js';
import { testRow } from '../../../src/model/test-row.js';
import { weightedIndex } from '../../../src/model/weighted.js';

test('Java date patterns: the common subset', (t) => {
  const ms = Date.UTC(2024, 0, 30, 21, 5, 9, 42); // a Tuesday
  const f = (p: string) => compileDatePattern(p)(ms);
  t.is(f('yyyy-MM-dd HH:mm:ss.SSS'), '2024-01-30 21:05:09.042');
  t.is(f("EEEE',' dd 'of' LLLL YYYY, 'at' h a"), 'Tuesday, 30 of January 2024, at 9 PM');
  t.is(f('EEE d MMM yy'), 'Tue 30 Jan 24');
  t.is(f("hh 'o''clock' a"), "09 o'clock PM");
  t.is(f('D w e Q QQQ'), '30 5 2 1 Q1');
  t.is(f('yyyy-MM-dd\'T\'HH:mm:ssXXX'), '2024-01-30T21:05:09Z');
  t.is(f('dd/MM/uuuu k K'), '30/01/2024 21 9');
  t.is(f(''), '2024-01-30T21:05:09.042Z');
  t.is(compileDatePattern('YYYY-ww')(Date.UTC(2021, 0, 1)), '2020-53', 'week-based year');
  t.throws(() => compileDatePattern('yyyy bb'), { message: /pattern letter 'b'/ });
  t.throws(() => compileDatePattern("yyyy 'open"), { message: /unterminated quote/ });
});

test('day and instant parsing', (t) => {
  t.is(formatDay(parseDay('1/1/1952')!), '1952-01-01');
  t.is(formatDay(parseDay('31/12/2004')!), '2004-12-31');
  t.is(formatDay(parseDay('2000-02-29')!), '2000-02-29');
  t.is(parseDay('29/2/2001'), undefined);
  t.is(parseDay('2001-13-01'), undefined);
  t.is(parseInstant('2011-12-03T10:15:30Z'), Date.UTC(2011, 11, 3, 10, 15, 30));
  t.is(parseInstant('2011-12-03T10:15:30+01:00'), Date.UTC(2011, 11, 3, 9, 15, 30));
  t.is(parseInstant('2011-12-03'), Date.UTC(2011, 11, 3));
  t.is(parseInstant('2011-12-03T25:00:00Z'), undefined);
});

test('STRING_REGEX mini-language: ranges, multi-character tokens, literals', (t) => {
  const rng = batchPrng(1, 1);
  const ex = compileStringRegex('[A-G]{1}-[b-l]{2}-[3-7]{4}');
  for (let i = 0; i < 200; i++) t.regex(ex(rng), /^[A-G]-[b-l]{2}-[3-7]{4}$/);
  const tokens = compileStringRegex('[A,Z,4,567,BBB]{1}');
  const seen = new Set(Array.from({ length: 300 }, () => tokens(rng)));
  t.deepEqual([...seen].sort(), ['4', '567', 'A', 'BBB', 'Z']);
  t.is(compileStringRegex('no classes here')(rng), 'no classes here');
  t.regex(compileStringRegex('[v-x]{30}')(rng), /w/, 'w is in the alphabet');
  t.throws(() => compileStringRegex('[]{2}'));
});

test('weighted index draws in proportion', (t) => {
  const w = weightedIndex([1, 0, 3]);
  const rng = batchPrng(9, 0);
  const counts = [0, 0, 0];
  for (let i = 0; i < 40000; i++) counts[w.pick(rng)]++;
  t.is(counts[1], 0);
  t.true(Math.abs(counts[2] / counts[0] - 3) < 0.2, String(counts));
  t.throws(() => weightedIndex([0, 0]));
});

test('countries resolve from names, aliases and codes, case- and accent-insensitively', (t) => {
  t.is(resolveCountry('France'), 'FR');
  t.is(resolveCountry('usa'), 'US');
  t.is(resolveCountry('UK'), 'GB');
  t.is(resolveCountry('Turkey'), 'TR');
  t.is(resolveCountry('turkiye'), 'TR');
  t.is(resolveCountry('Cote d\'Ivoire'), 'CI');
  t.is(resolveCountry('jp'), 'JP');
  t.is(resolveCountry('Atlantis'), undefined);
  t.is(countryName('DE'), 'Germany');
});

test('first names come by country with sex', (t) => {
  const fr = firstNames(['FR']);
  t.true(fr.length > 500);
  t.true(fr.some((n) => n.name === 'Camille' && n.sex === 'unisex'));
  t.true(fr.every((n) => ['male', 'female', 'unisex'].includes(n.sex)));
  const jp = firstNames(['JP']);
  t.true(jp.every((n) => /[^\x00-\x7f]/.test(n.name)), 'Japanese names are in Japanese');
  t.true(firstNames(undefined).length > firstNames(['US']).length);
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-model-'));
  writeFileSync(path.join(dir, 'products.csv'), 'sku;name;category\nA1;Shirt;clothes\nA2;"Dress";clothes\nB1;Lamp;home\n');
  return dir;
}

const csvModel = (file: string, extra: Record<string, unknown> = {}) => parseModel({
  Fields: [
    { name: 'product', type: 'CSV', file, separator: ';', field: 'name', ...extra },
    { name: 'sku', type: 'LINK', link: '$product.sku' },
  ],
});

test('CSV fields pick rows of a file under a data directory, filtered, with links to other columns', async (t) => {
  const dir = dataDir();
  const g = await compileModel(csvModel('products.csv', { filters: ['category=CLOTHES'] }), { dataDirs: [dir] });
  const rows = g.generate(1, 0, 200);
  t.deepEqual([...new Set(rows.map((r) => `${r.sku}:${r.product}`))].sort(), ['A1:Shirt', 'A2:Dress']);
  const abs = await compileModel(csvModel(path.join(dir, 'products.csv')), { dataDirs: [dir] });
  t.is(new Set(abs.generate(1, 0, 200).map((r) => r.product)).size, 3);
});

test('CSV files outside the data directories are refused, symbolic links included', async (t) => {
  const dir = dataDir();
  const outside = mkdtempSync(path.join(os.tmpdir(), 'dg-outside-'));
  writeFileSync(path.join(outside, 'secret.csv'), 'a\nb\n');
  mkdirSync(path.join(dir, 'sub'));
  symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'sub', 'link.csv'));
  for (const file of ['/etc/passwd', '../' + path.basename(outside) + '/secret.csv', path.join(outside, 'secret.csv'), 'sub/link.csv']) {
    const e = await t.throwsAsync(() => compileModel(csvModel(file), { dataDirs: [dir] }), { instanceOf: ModelError }, file);
    t.is(e!.path, 'Fields[0].file');
    t.regex(e!.message, /outside the allowed data directories|not found/);
  }
  await t.throwsAsync(() => compileModel(csvModel('products.csv'), { dataDirs: [] }), { message: /no data directory/ });
  await t.throwsAsync(() => compileModel(csvModel('missing.csv'), { dataDirs: [dir] }), { message: /not found/ });
});

test('CSV: unknown columns and empty selections are clear errors', async (t) => {
  const dir = dataDir();
  await t.throwsAsync(() => compileModel(parseModel({ Fields: [{ name: 'p', type: 'CSV', file: 'products.csv', separator: ';', field: 'nme' }] }), { dataDirs: [dir] }), {
    message: /Fields\[0\]\.field: the file has no column "nme".*did you mean name/,
  });
  await t.throwsAsync(() => compileModel(csvModel('products.csv', { filters: ['category=garden'] }), { dataDirs: [dir] }), { message: /no row/ });
  await t.throwsAsync(() => compileModel(parseModel({ Fields: [{ name: 'p', type: 'CSV', file: 'products.csv', separator: ';', field: 'name' }, { name: 'x', type: 'LINK', link: '$p.price' }] }), { dataDirs: [dir] }), {
    message: /Fields\[1\]\.link: the file has no column "price"/,
  });
});

test('a linked CSV value that does not fit the field type fails naming the field', async (t) => {
  const dir = dataDir();
  const model = parseModel({ Fields: [{ name: 'p', type: 'CSV', file: 'products.csv', separator: ';', field: 'sku' }, { name: 'price', type: 'FLOAT', link: '$p.name' }] });
  const g = await compileModel(model, { dataDirs: [dir] });
  const e = t.throws(() => g.generate(1, 0, 5), { instanceOf: ModelError });
  t.is(e!.path, 'Fields[1].link');
  t.regex(e!.message, /field "price": ".*" is not a number for type FLOAT/);
});

test('testRow: one row, ghost fields included and named, JSON-safe values', async (t) => {
  const model = parseModel({
    model_name: 'm',
    Fields: [
      { name: 'n', type: 'INTEGER', min: 1, max: 1, ghost: true }, { name: 'l', type: 'LONG', min: 5, max: 5 },
      { name: 'd', type: 'DATE', use_now: true }, { name: 'h', type: 'BYTES', length: 2 }, { name: 's', type: 'STRING', injection: 'n=${n}' },
    ],
    Options: { CSV_HEADERS: true },
  });
  const res = await testRow(model, { dataDirs: [] }, { seed: 3, referenceTime: Date.UTC(2026, 0, 1) });
  t.deepEqual(Object.keys(res.row), ['n', 'l', 'd', 'h', 's']);
  t.deepEqual(res.ghost, ['n']);
  t.is(res.row.n, 1);
  t.is(res.row.l, '5');
  t.is(res.row.d, '2026-01-01T00:00:00.000Z');
  t.regex(res.row.h as string, /^[0-9A-F]{4}$/);
  t.is(res.row.s, 'n=1');
  t.is(res.seed, 3);
  t.is(res.model, 'm');
  t.is(res.warnings.length, 1);
  t.deepEqual(JSON.parse(JSON.stringify(res)), res, 'survives JSON');
  const again = await testRow(model, { dataDirs: [] }, { seed: 3, referenceTime: Date.UTC(2026, 0, 1) });
  t.deepEqual(again, res);
});
