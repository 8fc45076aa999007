/**
 * NAME in Latin script by default, as the original's names.csv was ("Hiroshi", not "博"), the locale's own script with
 * `script: native`; and EMAIL local parts built from names always plain ASCII unless `script: native` asks otherwise.
 */
import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { romanise } from '../../../src/model/dictionaries/romanise.js';
import { parseModel } from '../../../src/model/parse.js';

async function values(field: Record<string, unknown>, rows = 3000): Promise<string[]> {
  const g = await compileModel(parseModel({ Fields: [{ name: 'v', ...field }] }), { dataDirs: [] });
  return g.generate(5, 0, rows, { referenceTime: 0 }).map((r) => r.v as string);
}

const LATIN = /^[A-Za-z][A-Za-z' -]*$/;

test('NAME for Japan, China, Korea, Russia and Greece is romanised by default: letters of the Latin alphabet, capitalised', async (t) => {
  for (const country of ['Japan', 'China', 'South Korea', 'Russia', 'Greece', 'Ukraine', 'Georgia']) {
    const names = await values({ type: 'NAME', filters: [country] });
    const bad = [...new Set(names.filter((n) => !LATIN.test(n) || n[0] !== n[0].toUpperCase()))];
    t.deepEqual(bad.slice(0, 5), [], country);
    t.true(new Set(names).size > 50, `${country}: varied names`);
  }
});

test('Japanese names read as Japanese, not as Chinese; Chinese ones in pinyin', (t) => {
  t.is(romanise('博', true), 'Hiroshi');
  t.is(romanise('伊藤', true), 'Ito');
  t.is(romanise('井上', true), 'Inoue');
  t.is(romanise('さくら', true), 'Sakura');
  t.is(romanise('伟宸', false), 'Weichen');
  t.is(romanise('Александр', false), 'Aleksandr');
  t.is(romanise('Zoé', false), 'Zoé', 'a Latin name keeps its accents');
  t.is(romanise('أحمد', false), 'أحمد', 'a script without written vowels stays as written');
});

test('script: native keeps the locale\'s script; a wrong script is a 400 naming the property', async (t) => {
  const native = await values({ type: 'NAME', filters: ['Japan'], script: 'native' });
  t.true(native.every((n) => /[^\x00-\x7f]/.test(n)), 'Japanese names in Japanese');
  const err = t.throws(() => parseModel({ Fields: [{ name: 'v', type: 'NAME', script: 'kanji' }] }));
  t.regex(err!.message, /^Fields\[0\]\.script: must be one of latin, native/);
  t.deepEqual(parseModel({ Fields: [{ name: 'v', type: 'NAME', script: 'Native' }] }).warnings ?? [], []);
});

test('an injected e-mail from a Japanese NAME has an ASCII local part, as with the original\'s dictionary', async (t) => {
  const g = await compileModel(parseModel({
    Fields: [{ name: 'name', type: 'NAME', filters: ['Japan'] }, { name: 'email', type: 'STRING', injection: '${name}@company.jp' }],
  }), { dataDirs: [] });
  const emails = g.generate(1, 0, 2000, { referenceTime: 0 }).map((r) => r.email as string);
  t.deepEqual(emails.filter((e) => !/^[A-Za-z]+@company\.jp$/.test(e)).slice(0, 5), []);
});

test('EMAIL for any country, unfiltered included, is first/last names folded to an ASCII local part; native script on request', async (t) => {
  for (const filters of [undefined, ['Japan'], ['China'], ['Israel'], ['Saudi Arabia'], ['Russia'], ['France']]) {
    const emails = await values({ type: 'EMAIL', ...(filters ? { filters } : {}) }, 2000);
    t.deepEqual(emails.filter((e) => !/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/.test(e)).slice(0, 5), [], String(filters));
  }
  const native = await values({ type: 'EMAIL', filters: ['Japan'], script: 'native' }, 500);
  t.true(native.some((e) => /[^\x00-\x7f]/.test(e.split('@')[0])), 'native local parts');
});
