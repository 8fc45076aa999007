/**
 * A model field from a column's profile: the type its values have (numbers, booleans, dates, or texts recognised by
 * form or by dictionary), with their range, their weighted values when they are few, their length or their shape.
 * Pure: the dictionaries come in through `Lookups`.
 */
import { formatDay } from '../model/dates.js';
import { countryName, resolveCountry } from '../model/dictionaries/countries.js';
import type { FieldType } from '../model/types.js';
import { nonNull, type ColumnProfile } from './column-profile.js';
import { commonShape } from './string-shape.js';
import { isEmail, isIpv4, isUpperHex, isUuid, phoneCountry, share } from './text-shapes.js';

/** A field in the Datagen model format. */
export type FieldJson = { name: string; type: FieldType } & Record<string, unknown>;

export interface Lookups {
  isPersonName(text: string): boolean;
  /** The ISO codes of the countries with a city named `text`, if any. */
  cityCountries(text: string): ReadonlySet<string> | undefined;
}

/** At most this many distinct values (each seen this many times on average) make a column of weighted values. */
export const LOW_CARDINALITY = 50;
const MIN_REPEATS = 3;
/** Numbers take weighted values only when very few: otherwise a range says more. */
const LOW_CARDINALITY_NUMBERS = 20;
/** Share of the sampled texts a recogniser must accept. */
const FORM_SHARE = 0.95;
const DICTIONARY_SHARE = 0.8;
/** Country filters are kept when this many countries or fewer cover the values. */
const MAX_FILTER_COUNTRIES = 5;
const WEIGHT_SCALE = 1000;

const INT32_MIN = -2147483648n;
const INT32_MAX = 2147483647n;

/** The weighted values of a low-cardinality column (weights in thousandths, at least 1), or undefined. */
function weightedValues(p: ColumnProfile, limit: number): Record<string, number> | undefined {
  const n = nonNull(p);
  if (p.overflow || p.distinct.size > limit || n < MIN_REPEATS * p.distinct.size) return undefined;
  const entries = [...p.distinct].sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(entries.map(([text, count]) => [text, Math.max(1, Math.round((count / n) * WEIGHT_SCALE))]));
}

function only(p: ColumnProfile, ...kinds: Array<keyof ColumnProfile['kinds']>): boolean {
  return kinds.reduce((s, k) => s + p.kinds[k], 0) === nonNull(p);
}

/** Even odds (within 5 points) generate as BOOLEAN does by itself; other odds are written as weights. */
function booleanField(p: ColumnProfile): FieldJson {
  const trues = (p.distinct.get('true') ?? p.distinct.get('1') ?? 0) / nonNull(p);
  if (Math.abs(trues - 0.5) <= 0.05) return { name: p.name, type: 'BOOLEAN' };
  const weights = Object.fromEntries([['true', Math.round(trues * WEIGHT_SCALE)], ['false', Math.round((1 - trues) * WEIGHT_SCALE)]].filter(([, w]) => (w as number) > 0));
  return { name: p.name, type: 'BOOLEAN', possible_values_weighted: weights };
}

/** A JSON number when it is exact as one, else its digits (the parser reads both). */
const integerJson = (v: bigint): number | string => (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString());

function integerField(p: ColumnProfile): FieldJson {
  const { min, max } = p.integers!;
  // A boolean the source stores as 0/1 (MySQL's tinyint(1)).
  if (p.declared === 'BOOLEAN' && min >= 0n && max <= 1n) return booleanField(p);
  const long = p.declared === 'LONG' || min < INT32_MIN || max > INT32_MAX;
  const type: FieldType = long ? 'LONG' : 'INTEGER';
  const weighted = weightedValues(p, LOW_CARDINALITY_NUMBERS);
  if (weighted) return { name: p.name, type, possible_values_weighted: weighted };
  return { name: p.name, type, min: integerJson(min), max: integerJson(max) };
}

function floatField(p: ColumnProfile): FieldJson {
  const weighted = weightedValues(p, LOW_CARDINALITY_NUMBERS);
  if (weighted) return { name: p.name, type: 'FLOAT', possible_values_weighted: weighted };
  return { name: p.name, type: 'FLOAT', min: p.numbers!.min, max: p.numbers!.max };
}

const isoInstant = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function temporalField(p: ColumnProfile): FieldJson {
  if (p.days) return { name: p.name, type: 'BIRTHDATE', min_date: formatDay(p.days.min), max_date: formatDay(p.days.max) };
  const { min, max, midnight } = p.instants!;
  if (midnight) return { name: p.name, type: 'BIRTHDATE', min_date: formatDay(Math.floor(min / 86_400_000)), max_date: formatDay(Math.floor(max / 86_400_000)) };
  return { name: p.name, type: 'DATE', min_date: isoInstant(min), max_date: isoInstant(max) };
}

/** The fewest countries (most frequent first) that cover `share` of the values, if at most MAX_FILTER_COUNTRIES do. */
function coveringCountries(perValue: Array<ReadonlySet<string>>, cover = 0.95): string[] | undefined {
  const chosen: string[] = [];
  let left = perValue;
  const target = Math.ceil(perValue.length * (1 - cover));
  while (left.length > target && chosen.length <= MAX_FILTER_COUNTRIES) {
    const tally = new Map<string, number>();
    for (const set of left) for (const c of set) tally.set(c, (tally.get(c) ?? 0) + 1);
    const best = [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (!best) break;
    chosen.push(best[0]);
    left = left.filter((set) => !set.has(best[0]));
  }
  return chosen.length > 0 && chosen.length <= MAX_FILTER_COUNTRIES && left.length <= target ? chosen : undefined;
}

const filtersOf = (codes: string[] | undefined) => (codes ? { filters: codes.map(countryName) } : {});

/** The type a text column's values are, by form, then by dictionary; undefined: plain text. */
function recognisedText(p: ColumnProfile, lookups: Lookups): FieldJson | undefined {
  const { name, sample } = p;
  if (share(sample, isUuid) >= FORM_SHARE) return { name, type: 'UUID' };
  if (share(sample, isIpv4) >= FORM_SHARE) return { name, type: 'IP' };
  if (share(sample, isEmail) >= FORM_SHARE) return { name, type: 'EMAIL' };
  const phones = sample.map(phoneCountry);
  if (phones.filter(Boolean).length >= FORM_SHARE * sample.length) {
    return { name, type: 'PHONE', ...filtersOf(coveringCountries(phones.filter((c): c is string => !!c).map((c) => new Set([c])))) };
  }
  if (share(sample, (t) => resolveCountry(t) !== undefined && t.length > 2) >= FORM_SHARE) return { name, type: 'COUNTRY' };
  const names = share(sample, lookups.isPersonName);
  const cities = sample.map(lookups.cityCountries).filter((c): c is ReadonlySet<string> => !!c);
  const cityShare = sample.length ? cities.length / sample.length : 0;
  if (names >= DICTIONARY_SHARE && names >= cityShare) return { name, type: 'NAME' };
  if (cityShare >= DICTIONARY_SHARE) return { name, type: 'CITY', ...filtersOf(coveringCountries(cities)) };
  return undefined;
}

function textField(p: ColumnProfile, lookups: Lookups): FieldJson {
  const recognised = recognisedText(p, lookups);
  const weighted = weightedValues(p, LOW_CARDINALITY);
  // Few values: those values, weighted, under the type they were recognised as (COUNTRY, NAME, CITY take possible values too).
  if (weighted) {
    const type = recognised && !['PHONE', 'UUID'].includes(recognised.type) ? recognised.type : 'STRING';
    return { name: p.name, type, possible_values_weighted: weighted };
  }
  if (recognised) return recognised;
  const { min, max } = p.lengths ?? { min: 20, max: 20 };
  if (min === max && share(p.sample, isUpperHex) === 1 && min >= 16) return { name: p.name, type: 'BYTES', length: min / 2 };
  const shape = commonShape(p.sample);
  if (shape) return { name: p.name, type: 'STRING_REGEX', regex: shape };
  return { name: p.name, type: 'STRING', length: Math.max(1, max) };
}

export function inferField(p: ColumnProfile, lookups: Lookups): FieldJson {
  if (nonNull(p) === 0) return { name: p.name, type: 'STRING', length: 20 };
  if (only(p, 'boolean')) return booleanField(p);
  if (only(p, 'integer')) return integerField(p);
  if (only(p, 'integer', 'float')) return floatField(p);
  if (only(p, 'instant') || only(p, 'day')) return temporalField(p);
  if (only(p, 'bytes')) return { name: p.name, type: 'BYTES', length: p.lengths!.max };
  return textField(p, lookups);
}
