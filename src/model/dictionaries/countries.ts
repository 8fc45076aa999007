/**
 * The world's countries: ISO 3166 codes (from libphonenumber-js's numbering-plan metadata) with the original's
 * names (its dictionaries' spelling, else the runtime's ICU English name), and the resolution of the country names
 * models use in filters ("France", "USA", "United States", "Congo (Kinshasa)").
 */
import { getCountries } from 'libphonenumber-js/max';
import { ORIGINAL_COUNTRY_ALIASES, ORIGINAL_COUNTRY_NAMES } from './original-country-names.js';

const display = new Intl.DisplayNames(['en'], { type: 'region' });
const names = new Map<string, string>();

/** Every country and territory with its own numbering plan, sorted by code. */
export const COUNTRY_CODES: readonly string[] = [...getCountries()].sort();

/** Common names and abbreviations that differ from the ICU English name. */
const ALIASES: Record<string, string> = {
  USA: 'US', 'U.S.A.': 'US', 'U.S.': 'US', 'UNITED STATES OF AMERICA': 'US', AMERICA: 'US',
  UK: 'GB', 'U.K.': 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB',
  TURKEY: 'TR', 'CZECH REPUBLIC': 'CZ', HOLLAND: 'NL', 'THE NETHERLANDS': 'NL', KOREA: 'KR', 'REPUBLIC OF KOREA': 'KR',
  'RUSSIAN FEDERATION': 'RU', 'IVORY COAST': 'CI', UAE: 'AE', VATICAN: 'VA', BURMA: 'MM', SWAZILAND: 'SZ',
  MACEDONIA: 'MK', 'CAPE VERDE': 'CV', 'EAST TIMOR': 'TL', DRC: 'CD', 'DEMOCRATIC REPUBLIC OF THE CONGO': 'CD',
  'REPUBLIC OF THE CONGO': 'CG', PALESTINE: 'PS', 'VIET NAM': 'VN', 'HONG KONG': 'HK', MACAU: 'MO', "PEOPLE'S REPUBLIC OF CHINA": 'CN',
};

function normalise(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’`]/g, "'").trim().toUpperCase();
}

/** ICU English name of an ISO code, e.g. "US" → "United States" (cached: ICU lookups are slow). */
function icuName(code: string): string {
  let n = names.get(code);
  if (n === undefined) {
    n = display.of(code) ?? code;
    names.set(code, n);
  }
  return n;
}

const byName = new Map<string, string>();
for (const code of COUNTRY_CODES) byName.set(normalise(icuName(code)), code);
for (const [alias, code] of [...Object.entries(ALIASES), ...Object.entries(ORIGINAL_COUNTRY_ALIASES), ...Object.entries(ORIGINAL_COUNTRY_NAMES).map(([c, n]) => [n, c])]) {
  byName.set(normalise(alias), code);
}

/** The name a value or a link gives for an ISO code, as the original spelt it: "US" → "USA", "FR" → "France". */
export function countryName(code: string): string {
  return ORIGINAL_COUNTRY_NAMES[code] ?? icuName(code);
}

/** ISO code for a country name, alias or code (case- and accent-insensitive), or undefined. */
export function resolveCountry(text: string): string | undefined {
  const n = normalise(text);
  const hit = byName.get(n);
  if (hit) return hit;
  return n.length === 2 && COUNTRY_CODES.includes(n) ? n : undefined;
}

/** Every name a filter may use, for "did you mean" suggestions. */
export function knownCountryNames(): string[] {
  return [...new Set([...COUNTRY_CODES.map(countryName), ...COUNTRY_CODES.map(icuName), ...Object.keys(ALIASES), ...Object.keys(ORIGINAL_COUNTRY_ALIASES)])];
}
