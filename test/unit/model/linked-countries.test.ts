/**
 * The original's example models, checked as a user would check their output: a LINK to a filtered city's country
 * gives one of the filter's own words ("USA" for a USA filter, as the original's dictionary did), and a COUNTRY value
 * is spelt as the filters spell it, so a value can be filtered on again. The check reads only the model and the rows.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileModel } from '../../../src/model/compile.js';
import { resolveCountry } from '../../../src/model/dictionaries/countries.js';
import { parseModel, parseModelText } from '../../../src/model/parse.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REFERENCE = path.resolve(ROOT, '../shared/reference-models');
const ROWS = 2000;

interface Link {
  column: string;
  city: string;
  filters: string[];
}

/** The LINK fields reading `$<city>.country` of a CITY field with filters, from the model's JSON as written. */
function countryLinks(json: { Fields: Array<Record<string, unknown>> }): Link[] {
  const out: Link[] = [];
  for (const f of json.Fields) {
    const conditionals = f.conditionals as Record<string, string> | undefined;
    const link = (f.link as string | undefined) ?? conditionals?.link;
    const m = /^\$([^.]+)\.country$/.exec(link ?? '');
    if (!m) continue;
    const city = json.Fields.find((c) => c.name === m[1] && c.type === 'CITY');
    if (city && Array.isArray(city.filters)) out.push({ column: f.name as string, city: m[1], filters: city.filters as string[] });
  }
  return out;
}

const files = existsSync(REFERENCE) ? readdirSync(REFERENCE).filter((f) => f.endsWith('.json')).sort() : [];

// As every-model.test.ts: the original's models live beside the repository (../shared), not in it; without them
// there is nothing to check and no test is registered.
if (files.length) test('the original\'s example models that link a filtered city\'s country are there to check', (t) => {
  const linking = files.filter((f) => countryLinks(JSON.parse(readFileSync(path.join(REFERENCE, f), 'utf8'))).length > 0);
  t.true(linking.length >= 5, `models linking a country: ${linking.join(', ')}`);
});

for (const file of files) {
  const text = readFileSync(path.join(REFERENCE, file), 'utf8');
  const links = countryLinks(JSON.parse(text));
  if (!links.length) continue;
  test(`${file}: every linked country is one of its city's filters, as written`, async (t) => {
    const model = parseModelText(text, file);
    const generator = await compileModel({ ...model, fields: model.fields.map((f) => ({ ...f, ghost: false })) }, { dataDirs: [path.join(ROOT, 'models')] });
    try {
      const rows = [0, 1].flatMap((batch) => generator.generate(11, batch, ROWS / 2, { referenceTime: 1_750_000_000_000 }));
      for (const link of links) {
        const allowed = new Set(link.filters.map((f) => f.toLowerCase()));
        const wrong = [...new Set(rows.map((r) => String(r[link.column])).filter((v) => !allowed.has(v.toLowerCase())))];
        t.deepEqual(wrong, [], `${link.column} (linked from ${link.city}, filters ${link.filters.join(', ')})`);
        t.true(rows.every((r) => r[link.city] !== ''), `${link.city} always has a city`);
      }
    } finally {
      generator.dispose?.();
    }
  });
}

test('a COUNTRY value resolves back to one country and reads as the original spelt it', async (t) => {
  const generator = await compileModel(parseModel({ Fields: [{ name: 'c', type: 'COUNTRY' }] }), { dataDirs: [] });
  const values = new Set(generator.generate(3, 0, 20_000).map((r) => r.c as string));
  t.true(values.has('USA') && values.has('UK') && values.has('Congo (Kinshasa)'), [...values].join(', '));
  t.false(values.has('United States'));
  for (const v of values) t.truthy(resolveCountry(v), `${v} is accepted as a filter`);
});

test('filters keep every spelling they had: ICU names, aliases, codes, and the original\'s dictionary names', (t) => {
  for (const [text, code] of [['United States', 'US'], ['USA', 'US'], ['us', 'US'], ['United Kingdom', 'GB'], ['UK', 'GB'], ['Czechia', 'CZ'],
    ['Czech Republic', 'CZ'], ['South Korea', 'KR'], ['Korea', 'KR'], ['Congo (Kinshasa)', 'CD'], ['Congo - Kinshasa', 'CD'], ['DRC', 'CD'],
    ['Congo (Brazzaville)', 'CG'], ["Côte d'Ivoire", 'CI'], ['Ivory Coast', 'CI'], ['Turkey', 'TR'], ['Türkiye', 'TR'], ['Trinidad And Tobago', 'TT'],
    ['Trinidad & Tobago', 'TT'], ['The Bahamas', 'BS'], ['Bahamas', 'BS'], ['Arabia', 'SA'], ['West Bank', 'PS']] as const) {
    t.is(resolveCountry(text), code, text);
  }
});
