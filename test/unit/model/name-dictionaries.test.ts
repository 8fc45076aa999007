/**
 * Names are read from each locale's own faker module, not from the package's index of every locale: the lists must
 * be what the index's definitions give (the same rows for a seed as before), for every country and for none.
 */
import test from 'ava';
import * as faker from '@faker-js/faker';
import { COUNTRY_CODES } from '../../../src/model/dictionaries/countries.js';
import { emailDomains, firstNames, lastNames, localesFor } from '../../../src/model/dictionaries/names.js';

type Defs = Record<string, { person?: { first_name?: Record<string, string[]>; last_name?: Record<string, string[]> }; internet?: { free_email?: string[] } } | undefined>;
const defs = faker as unknown as Defs;

/** The first of the locale, its language and en that has the entry, over the index's unmerged definitions. */
function fromIndex<T>(locale: string, get: (d: NonNullable<Defs[string]>) => T | undefined): T | undefined {
  for (const l of [...new Set([locale, locale.split('_')[0], 'en'])].filter((x) => defs[x])) {
    const v = get(defs[l]!);
    if (v !== undefined) return v;
  }
  return undefined;
}

const locales = (countries: string[] | undefined) => (countries ? [...new Set(countries.flatMap(localesFor))] : localesFor(undefined));

test('first names, last names and e-mail domains of every country equal those of faker\'s full index', (t) => {
  for (const countries of [undefined, ...COUNTRY_CODES.map((c) => [c]), ['US', 'FR', 'JP']]) {
    const ls = locales(countries);
    const first = new Set<string>();
    for (const l of ls) {
      const lists = fromIndex(l, (d) => d.person?.first_name) ?? {};
      for (const n of [...(lists.generic ?? []), ...(lists.male ?? []), ...(lists.female ?? [])]) first.add(n);
    }
    t.deepEqual(firstNames(countries).map((n) => n.name), [...first], `first names of ${countries ?? 'every country'}`);
    const last = [...new Set(ls.flatMap((l) => fromIndex(l, (d) => d.person?.last_name?.generic ?? d.person?.last_name?.male) ?? []))];
    t.deepEqual(lastNames(countries), last, `last names of ${countries ?? 'every country'}`);
    const mailLocales = countries ? ls : ['en'];
    t.deepEqual(emailDomains(countries), [...new Set(mailLocales.flatMap((l) => fromIndex(l, (d) => d.internet?.free_email) ?? []))]);
  }
});
