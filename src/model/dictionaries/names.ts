/**
 * First and last names by country, from @faker-js/faker's locale definitions (loaded once, never called per value).
 * A first name listed for both sexes, or in a locale's "generic" list only, is unisex.
 */
import * as faker from '@faker-js/faker';
import { COUNTRY_CODES } from './countries.js';

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

type Definitions = Record<string, { person?: { first_name?: Record<string, string[]>; last_name?: Record<string, string[]> };
  internet?: { free_email?: string[] } } | undefined>;
const defs = faker as unknown as Definitions;

/** The locale chain faker itself uses: en_US → en_US, en; fr_CA → fr_CA, fr, en. */
function chain(locale: string): string[] {
  const base = locale.split('_')[0];
  return [...new Set([locale, base, 'en'])].filter((l) => defs[l]);
}

function lookup<T>(locale: string, get: (d: NonNullable<Definitions[string]>) => T | undefined): T | undefined {
  for (const l of chain(locale)) {
    const v = get(defs[l]!);
    if (v !== undefined) return v;
  }
  return undefined;
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

/** First names of the given countries (ISO codes), or of every supported country when none are given. */
export function firstNames(countries: string[] | undefined): FirstName[] {
  const locales = countries?.length ? [...new Set(countries.flatMap(localesFor))] : localesFor(undefined);
  return unique(locales.flatMap(firstNamesOfLocale), (n) => n.name);
}

export function lastNames(countries: string[] | undefined): string[] {
  const locales = countries?.length ? [...new Set(countries.flatMap(localesFor))] : localesFor(undefined);
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
