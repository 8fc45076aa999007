/**
 * First and last names by country, from @faker-js/faker's locale definitions (loaded once, never called per value).
 * A first name listed for both sexes, or in a locale's "generic" list only, is unisex.
 */
import { createRequire } from 'node:module';
import { COUNTRY_CODES } from './countries.js';

const require = createRequire(import.meta.url);

export type Sex = 'male' | 'female' | 'unisex';

export interface FirstName {
  name: string;
  sex: Sex;
}

/** Faker locales whose names fit a country; a country missing here uses its language's or English names. */
const LOCALES_BY_COUNTRY: Record<string, string[]> = {
  US: ['en_US'], GB: ['en_GB'], IE: ['en_IE'], AU: ['en_AU'], CA: ['en_CA', 'fr_CA'], IN: ['en_IN'], NG: ['en_NG', 'yo_NG'],
  GH: ['en_GH'], ZA: ['en_ZA', 'af_ZA', 'zu_ZA'], HK: ['en_HK'], NP: ['ne', 'en_NP'], FR: ['fr'], BE: ['nl_BE', 'fr_BE'],
  CH: ['de_CH', 'fr_CH'], LU: ['fr_LU'], SN: ['fr_SN'], DE: ['de'], AT: ['de_AT'], IT: ['it'], ES: ['es'], MX: ['es_MX'],
  PT: ['pt_PT'], BR: ['pt_BR'], NL: ['nl'], JP: ['ja'], CN: ['zh_CN'], TW: ['zh_TW'], KR: ['ko'], TR: ['tr'], RU: ['ru'],
  UA: ['uk'], PL: ['pl'], CZ: ['cs_CZ'], SK: ['sk'], HU: ['hu'], RO: ['ro'], MD: ['ro_MD'], GR: ['el'], IL: ['he'],
  IR: ['fa'], VN: ['vi'], TH: ['th'], ID: ['id_ID'], SE: ['sv'], NO: ['nb_NO'], FI: ['fi'], DK: ['da'], LV: ['lv'],
  MK: ['mk'], HR: ['hr'], SI: ['sl_SI'], AZ: ['az'], GE: ['ka_GE'], AM: ['hy'], BD: ['bn_BD'], PK: ['ur'], MV: ['dv'],
  SA: ['ar'], AE: ['ar'], EG: ['ar'], MA: ['ar'], DZ: ['ar'], TN: ['ar'], JO: ['ar'], LB: ['ar'], IQ: ['ar'], KW: ['ar'],
  QA: ['ar'], OM: ['ar'], BH: ['ar'], YE: ['ar'], SY: ['ar'], LY: ['ar'], AR: ['es'], CL: ['es'], CO: ['es'], PE: ['es'],
  VE: ['es'], EC: ['es'], BO: ['es'], PY: ['es'], UY: ['es'], CR: ['es'], PA: ['es'], GT: ['es'], HN: ['es'], SV: ['es'],
  NI: ['es'], CU: ['es'], DO: ['es'], PR: ['es'], NZ: ['en'], SG: ['en'], PH: ['en'], MY: ['en'], KE: ['en'], UG: ['en'],
  TZ: ['en'], ZW: ['en'], ZM: ['en'], JM: ['en'], TT: ['en'], MT: ['en'], CY: ['el'], AO: ['pt_PT'], MZ: ['pt_PT'],
  CI: ['fr'], CM: ['fr'], ML: ['fr'], BF: ['fr'], NE: ['fr'], TG: ['fr'], BJ: ['fr'], GA: ['fr'], CG: ['fr'], CD: ['fr'],
  HT: ['fr'], MC: ['fr'], LI: ['de'], BY: ['ru'], KZ: ['ru'], KG: ['ru'], EE: ['fi'],
};

interface Definitions {
  person?: { first_name?: Record<string, string[]>; last_name?: Record<string, string[]> };
  internet?: { free_email?: string[] };
}

interface LocaleFaker {
  rawDefinitions: Definitions;
}

const definitionsCache = new Map<string, Definitions | null>();
let everyLocale: Record<string, LocaleFaker> | undefined;

/**
 * A locale's definitions as faker merges them (the locale, its language, en, base: each entry from the first that
 * has it), from that locale's own module: the package's index loads every locale, some 35 MB in each thread, where
 * a model usually needs one or two. A locale faker does not have falls back to en.
 */
function definitions(locale: string): Definitions {
  let d = definitionsCache.get(locale);
  if (d === undefined) {
    try {
      d = (everyLocale?.[locale] ?? (require(`@faker-js/faker/locale/${locale}`) as { faker: LocaleFaker }).faker).rawDefinitions;
    } catch {
      d = null;
    }
    definitionsCache.set(locale, d);
  }
  return d ?? (locale === 'en' ? {} : definitions('en'));
}

/** Every locale's names at once: the index is lighter than every locale's module loaded apart (50 MB, 0.8 s). */
function loadEveryLocale(): void {
  everyLocale ??= (require('@faker-js/faker') as { allFakers: Record<string, LocaleFaker> }).allFakers;
}

function lookup<T>(locale: string, get: (d: Definitions) => T | undefined): T | undefined {
  return get(definitions(locale));
}

export function localesFor(country: string | undefined): string[] {
  if (country === undefined) return [...new Set(Object.values(LOCALES_BY_COUNTRY).flat())];
  return LOCALES_BY_COUNTRY[country] ?? ['en'];
}

const firstCache = new Map<string, FirstName[]>();

function firstNamesOfLocale(locale: string): FirstName[] {
  let out = firstCache.get(locale);
  if (out) return out;
  const lists = lookup(locale, (d) => d.person?.first_name) ?? {};
  const male = new Set(lists.male ?? []);
  const female = new Set(lists.female ?? []);
  const all = new Set([...(lists.generic ?? []), ...male, ...female]);
  out = [...all].map((name) => ({ name, sex: male.has(name) && !female.has(name) ? 'male' : female.has(name) && !male.has(name) ? 'female' : 'unisex' }));
  firstCache.set(locale, out);
  return out;
}

function unique<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/** The locales of the given countries; of every supported country when none are given. */
function localesOf(countries: string[] | undefined): string[] {
  if (countries?.length) return [...new Set(countries.flatMap(localesFor))];
  loadEveryLocale();
  return localesFor(undefined);
}

/** First names of the given countries (ISO codes), or of every supported country when none are given. */
export function firstNames(countries: string[] | undefined): FirstName[] {
  const locales = localesOf(countries);
  return unique(locales.flatMap(firstNamesOfLocale), (n) => n.name);
}

export function lastNames(countries: string[] | undefined): string[] {
  const locales = localesOf(countries);
  return [...new Set(locales.flatMap((l) => lookup(l, (d) => d.person?.last_name?.generic ?? d.person?.last_name?.male) ?? []))];
}

export function emailDomains(countries: string[] | undefined): string[] {
  const locales = countries?.length ? [...new Set(countries.flatMap(localesFor))] : ['en'];
  return [...new Set(locales.flatMap((l) => lookup(l, (d) => d.internet?.free_email) ?? []))];
}

/** Countries with their own name lists (for tests and docs). */
export function countriesWithNames(): string[] {
  return Object.keys(LOCALES_BY_COUNTRY).filter((c) => COUNTRY_CODES.includes(c));
}
