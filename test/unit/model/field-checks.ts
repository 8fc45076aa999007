/**
 * Test helper: checks a generated value against its field's declared constraints. Returns a problem text or
 * undefined. Shared by the per-type property tests and the every-model test.
 */
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DEFAULT_TIMESTAMP_STEP_MS } from '../../../src/model/clock.js';
import { eachCity, loadCities, type City } from '../../../src/model/dictionaries/cities.js';
import { COUNTRY_CODES, countryName } from '../../../src/model/dictionaries/countries.js';
import type { FieldSpec } from '../../../src/model/field-spec.js';
import { castText } from '../../../src/model/fields/cast.js';
import { fieldFirstNames, fieldLastNames } from '../../../src/model/fields/people.js';
import { floatRange, integerRange, longRange } from '../../../src/model/fields/numbers.js';
import { dayRange, instantRange } from '../../../src/model/fields/temporal.js';
import { parseDay } from '../../../src/model/dates.js';
import type { Row, Value } from '../../../src/model/types.js';
import { valueText } from '../../../src/model/value-text.js';

export interface CheckContext {
  /** Index of the row in its command (batch × rows + r). */
  rowIndex: number;
  referenceTime: number;
  /** The model's TIMESTAMP_STEP_MS (default DEFAULT_TIMESTAMP_STEP_MS). */
  step?: number;
  /** The full row, ghost fields included. */
  row: Row;
  specs: FieldSpec[];
}

let cities: City[] = [];
export async function prepareChecks(): Promise<void> {
  cities = [...eachCity(await loadCities())];
}

const nameSets = new Map<string, Set<string>>();
function namesOf(spec: FieldSpec): Set<string> {
  const key = `${(spec.countries ?? []).join(',')}/${spec.script ?? 'latin'}`;
  let s = nameSets.get(key);
  if (!s) nameSets.set(key, (s = new Set(fieldFirstNames(spec).map((n) => n.name))));
  return s;
}

const citySets = new Map<string, Set<string>>();
function citiesOf(countries: string[] | undefined): Set<string> {
  const key = (countries ?? []).join(',');
  let s = citySets.get(key);
  if (!s) {
    const wanted = countries?.length ? new Set(countries) : undefined;
    citySets.set(key, (s = new Set(cities.filter((c) => !wanted || wanted.has(c.country)).map((c) => c.name))));
  }
  return s;
}

let coordinates: Map<string, City[]> | undefined;
function cityCoordinates(): Map<string, City[]> {
  if (!coordinates) {
    coordinates = new Map();
    for (const c of cities) coordinates.set(c.name, [...(coordinates.get(c.name) ?? []), c]);
  }
  return coordinates;
}

const COUNTRY_NAMES = new Set(COUNTRY_CODES.map(countryName));

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mini-language as a JavaScript RegExp: ranges stay classes, comma tokens become alternatives. */
function regexOf(pattern: string): RegExp {
  let out = '';
  let last = 0;
  for (const m of pattern.matchAll(/\[([^\]]*)\]\{(\d*)\}/g)) {
    out += escape(pattern.slice(last, m.index));
    const ranges: string[] = [];
    const rest = m[1].replace(/([A-Za-z0-9])-([A-Za-z0-9])/g, (_w, a: string, b: string) => (ranges.push(`${a}-${b}`), ''));
    const alternatives = [...(ranges.length ? [`[${ranges.join('')}]`] : []), ...rest.split(',').filter(Boolean).map(escape)];
    out += `(?:${alternatives.join('|')}){${m[2] || 1}}`;
    last = m.index! + m[0].length;
  }
  return new RegExp('^' + out + escape(pattern.slice(last)) + '$');
}

function same(a: Value, b: Value): boolean {
  return valueText(a) === valueText(b) && typeof a === typeof b;
}

function checkComputed(spec: FieldSpec, v: Value, ctx: CheckContext): string | undefined {
  const line = spec.computed![0];
  if (spec.computed!.every((l) => l.kind === 'condition')) {
    const allowed = spec.computed!.map((l) => castText(spec.type, (l as { result: string }).result));
    if (v === '' || v === null || allowed.some((a) => same(a, v))) return undefined;
    return `${valueText(v)} is none of the conditional results`;
  }
  if (line.kind === 'link') {
    const source = ctx.specs.find((s) => s.name === line.field)!;
    const t = valueText(v);
    if (source.type === 'CITY') {
      if (line.attribute === 'country') return (source.countries ?? COUNTRY_CODES).map(countryName).includes(t) ? undefined : `country ${t} is outside the city filter`;
      if (line.attribute === 'lat' || line.attribute === 'long') {
        const lim = line.attribute === 'lat' ? 90 : 180;
        const n = Number(t);
        if (!(Math.abs(n) <= lim)) return `${line.attribute} ${t} out of range`;
        const city = valueText(ctx.row[source.name]);
        const match = (cityCoordinates().get(city) ?? []).some((c) => String(line.attribute === 'lat' ? c.lat : c.long) === t);
        return match ? undefined : `${line.attribute} ${t} is not that of a city named ${city}`;
      }
    }
    if (source.type === 'NAME') {
      const first = valueText(ctx.row[source.name]);
      if (line.attribute === 'sex') return ['MALE', 'FEMALE', 'UNKNOWN'].includes(t) ? undefined : `sex ${t}`;
      if (line.attribute === 'name') return t === first ? undefined : `name ${t} is not ${first}`;
      if (line.attribute === 'last_name') return new Set(fieldLastNames(source)).has(t) ? undefined : `${t} is not a last name of ${source.countries}`;
      if (line.attribute === 'full_name') {
        const last = t.slice(first.length + 1);
        return t.startsWith(first + ' ') && fieldLastNames(source).includes(last) ? undefined : `full name ${t} does not start with ${first}`;
      }
      return ['true', 'false'].includes(t) ? undefined : `${line.attribute} ${t}`;
    }
  }
  return undefined;
}

/** The deterministic clock's instant of the row, computed here from its definition. */
const rowInstant = (ctx: CheckContext) => ctx.referenceTime + ctx.rowIndex * (ctx.step ?? DEFAULT_TIMESTAMP_STEP_MS);

export function checkValue(spec: FieldSpec, v: Value, ctx: CheckContext): string | undefined {
  if (spec.computed) return checkComputed(spec, v, ctx);
  if (spec.possible) {
    const allowed = spec.possible.filter((p) => p.weight > 0).map((p) => castText(spec.type, p.text));
    return allowed.some((a) => same(a, v) || (a instanceof Uint8Array && valueText(a) === valueText(v))) ? undefined : `${valueText(v)} is not a possible value`;
  }
  const s = typeof v === 'string' ? v : '';
  switch (spec.type) {
    case 'STRING': return typeof v === 'string' && v.length === spec.length && /^[A-Za-z0-9]*$/.test(v) ? undefined : `bad STRING ${v}`;
    case 'STRING_AZ': return typeof v === 'string' && v.length === spec.length && /^[A-Za-z]*$/.test(v) ? undefined : `bad STRING_AZ ${v}`;
    case 'STRING_REGEX': return regexOf(spec.regex!).test(s) ? undefined : `${s} does not match ${spec.regex}`;
    case 'INTEGER': {
      const [min, max] = integerRange(spec);
      return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `INTEGER ${v} outside [${min}, ${max}]`;
    }
    case 'LONG': {
      const [min, max] = longRange(spec);
      return typeof v === 'bigint' && v >= min && v <= max ? undefined : `LONG ${v} outside [${min}, ${max}]`;
    }
    case 'FLOAT': {
      const [min, max] = floatRange(spec);
      return typeof v === 'number' && v >= min && (v < max || min === max) ? undefined : `FLOAT ${v} outside [${min}, ${max})`;
    }
    case 'INCREMENT_INTEGER': return v === (spec.min ?? 0) + ctx.rowIndex ? undefined : `increment ${v} at row ${ctx.rowIndex}`;
    case 'INCREMENT_LONG': return v === (spec.minBig ?? 0n) + BigInt(ctx.rowIndex) ? undefined : `increment ${v} at row ${ctx.rowIndex}`;
    case 'BOOLEAN': return typeof v === 'boolean' ? undefined : `not a boolean: ${v}`;
    case 'TIMESTAMP': return v === rowInstant(ctx) ? undefined : `TIMESTAMP ${v} is not the reference time + ${ctx.rowIndex} steps`;
    case 'BYTES': return v instanceof Uint8Array && v.length === spec.length ? undefined : 'bad BYTES';
    case 'HASH_MD5': return v instanceof Uint8Array && v.length === 16 ? undefined : 'bad HASH_MD5';
    case 'BIRTHDATE': {
      const [min, max] = dayRange(spec);
      const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseDay(s) : undefined;
      return d !== undefined && d >= min && d <= max ? undefined : `BIRTHDATE ${s} outside range`;
    }
    case 'DATE': {
      if (!(v instanceof Date)) return 'DATE is not a Date';
      if (spec.useNow) return v.getTime() === rowInstant(ctx) ? undefined : 'use_now DATE is not the row\'s instant';
      const [min, max] = instantRange(spec);
      return v.getTime() >= min && v.getTime() <= max && v.getTime() % 1000 === 0 ? undefined : `DATE ${v.toISOString()} outside range`;
    }
    case 'DATE_AS_STRING': return typeof v === 'string' && v.length > 0 ? undefined : 'empty DATE_AS_STRING';
    case 'NAME': return namesOf(spec).has(s) ? undefined : `${s} is not a first name of ${spec.countries ?? 'any country'}`;
    case 'COUNTRY': return COUNTRY_NAMES.has(s) ? undefined : `${s} is not a country`;
    case 'CITY': return citiesOf(spec.countries).has(s) ? undefined : `${s} is not a city of ${spec.countries ?? 'the world'}`;
    case 'PHONE': {
      const p = parsePhoneNumberFromString(s);
      if (!p) return `${s} is not a phone number`;
      const codes = (spec.countries ?? COUNTRY_CODES).map((c) => getCountryCallingCode(c as CountryCode));
      return codes.includes(p.countryCallingCode) ? undefined : `${s} is not a number of ${spec.countries}`;
    }
    case 'EMAIL': return /^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/.test(s) ? undefined : `bad EMAIL ${s}`;
    case 'IP': return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((o) => Number(o) <= 255) ? undefined : `bad IP ${s}`;
    case 'UUID': return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(s) ? undefined : `bad UUID ${s}`;
    case 'LINK': return s === '' ? undefined : `LINK without link: ${s}`;
    default: return undefined;
  }
}
