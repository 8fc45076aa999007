/** NAME, EMAIL, PHONE and COUNTRY generators over the country dictionaries (tables built once per compile). */
import { COUNTRY_CODES, countryName } from '../dictionaries/countries.js';
import { emailDomains, firstNames, lastNames, type FirstName } from '../dictionaries/names.js';
import { romanise } from '../dictionaries/romanise.js';
import { phoneTemplates, type PhoneTemplate } from '../dictionaries/phones.js';
import type { FieldSpec } from '../field-spec.js';
import type { Prng } from '../prng.js';
import type { FieldGen } from './runtime.js';

/** Lower-case ASCII form for e-mail local parts ("Zoé" → "zoe"); "" when nothing Latin is left. */
export function asciiFold(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function foldedList(names: string[]): string[] {
  return [...new Set(names.map(asciiFold).filter((n) => n.length >= 2))];
}

/** What a NAME or EMAIL field's names depend on. */
type NameSource = Pick<FieldSpec, 'countries' | 'script'>;

/** Kanji are read as Japanese where the field's countries include Japan (or every country). */
const readsJapanese = (countries: string[] | undefined) => !countries?.length || countries.includes('JP');

/** The first names a NAME or EMAIL field draws from: its countries' dictionary, romanised unless it keeps the native script. */
export function fieldFirstNames(spec: NameSource): FirstName[] {
  const names = firstNames(spec.countries);
  if (spec.script === 'native') return names;
  const japanese = readsJapanese(spec.countries);
  // Two spellings may romanise alike (修傑, 修潔 → Xiujie): one entry, the first's sex.
  const out = new Map<string, FirstName>();
  for (const n of names) {
    const name = romanise(n.name, japanese);
    if (!out.has(name)) out.set(name, name === n.name ? n : { name, sex: n.sex });
  }
  return [...out.values()];
}

export function fieldLastNames(spec: NameSource): string[] {
  const names = lastNames(spec.countries);
  if (spec.script === 'native') return names;
  const japanese = readsJapanese(spec.countries);
  return [...new Set(names.map((n) => romanise(n, japanese)))];
}

/** A native-script local part: the name as written, lower case, without spaces (an internationalised address). */
const nativeList = (names: string[]) => [...new Set(names.map((n) => n.toLowerCase().replace(/\s+/g, '')).filter((n) => n.length >= 1))];

/**
 * E-mail local parts: the (romanised) first/last names of the countries folded to ASCII, or English ones for
 * scripts that do not fold; with `script: native`, the names as their locale writes them.
 */
function emailParts(spec: NameSource): { firsts: string[]; lasts: string[]; domains: string[] } {
  const list = spec.script === 'native' ? nativeList : foldedList;
  let firsts = list(fieldFirstNames(spec).map((n) => n.name));
  let lasts = list(fieldLastNames(spec));
  if (firsts.length < 20) firsts = foldedList(firstNames(['US']).map((n) => n.name));
  if (lasts.length < 20) lasts = foldedList(lastNames(['US']));
  const domains = emailDomains(spec.countries);
  return { firsts, lasts, domains: domains.length ? domains : emailDomains(undefined) };
}

const pick = <T>(rng: Prng, list: readonly T[]): T => list[(rng.next() * list.length) | 0];

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i));

function emailGenerator(spec: NameSource): FieldGen {
  const { firsts, lasts, domains } = emailParts(spec);
  // Separators and '@' are joined to the table entries once, so a value is at most three concatenations.
  const firstDot = firsts.map((f) => f + '.');
  const firstUnderscore = firsts.map((f) => f + '_');
  const initials = firsts.map((f) => [...f][0]);
  const lastDot = lasts.map((l) => l + '.');
  const atDomains = domains.map((d) => '@' + d);
  return (st) => {
    const rng = st.rng;
    const f = (rng.next() * firsts.length) | 0;
    const l = (rng.next() * lasts.length) | 0;
    const at = atDomains[(rng.next() * atDomains.length) | 0];
    switch (rng.int(5)) {
      case 0: return firstDot[f] + lasts[l] + at;
      case 1: return initials[f] + lasts[l] + at;
      case 2: return firstUnderscore[f] + lasts[l] + at;
      case 3: return firstDot[f] + lasts[l] + TWO_DIGITS[rng.int(100)] + at;
      default: return lastDot[l] + firsts[f] + at;
    }
  };
}

const FOUR_DIGITS = Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0'));

function phoneGenerator(countries: string[] | undefined): FieldGen {
  const codes = countries?.length ? [...new Set(countries)] : COUNTRY_CODES;
  // Unfiltered, a country's templates are built the first time it is drawn (they do not depend on when).
  const tables: Array<PhoneTemplate[] | undefined> = codes.map((c) => (codes.length <= 16 ? phoneTemplates(c) : undefined));
  return (st) => {
    const rng = st.rng;
    const k = tables.length === 1 ? 0 : (rng.next() * tables.length) | 0;
    const t = tables[k] ?? (tables[k] = phoneTemplates(codes[k]));
    const tpl = pick(rng, t);
    if (tpl.head !== undefined) return tpl.head + FOUR_DIGITS[(rng.next() * 10000) | 0];
    const p = tpl.parts;
    return p[0] + rng.int(10) + p[1] + rng.int(10) + p[2] + rng.int(10) + p[3] + rng.int(10) + p[4];
  };
}

/** The record behind a NAME value; `last` only when a link reads it. */
export interface PersonName extends FirstName {
  last?: string;
}

/** `withLastName`: some link reads this NAME field's last_name or full_name, so a last name is drawn too. */
export function peopleGenerator(spec: FieldSpec, withLastName = false): FieldGen | undefined {
  switch (spec.type) {
    case 'NAME': {
      const names = fieldFirstNames(spec);
      const i = spec.index;
      if (withLastName) {
        const lasts = fieldLastNames(spec);
        return (st) => {
          const n = names[(st.rng.next() * names.length) | 0];
          st.recs[i] = { name: n.name, sex: n.sex, last: lasts[(st.rng.next() * lasts.length) | 0] } satisfies PersonName;
          return n.name;
        };
      }
      return (st) => {
        const n = names[(st.rng.next() * names.length) | 0];
        st.recs[i] = n;
        return n.name;
      };
    }
    case 'EMAIL': return emailGenerator(spec);
    case 'PHONE': return phoneGenerator(spec.countries);
    case 'COUNTRY': {
      const names = COUNTRY_CODES.map(countryName);
      return (st) => pick(st.rng, names);
    }
    default: return undefined;
  }
}
