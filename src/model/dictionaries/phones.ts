/**
 * Phone numbers in each country's real numbering format. libphonenumber-js gives an example number per country;
 * at compile time we search (with a fixed PRNG, so every process builds the same tables) for numbers of its
 * length that libphonenumber validates for the country, and keep them in international format. Per value, only the last
 * four digits are redrawn: subscriber digits, which numbering plans leave free.
 */
import examples from 'libphonenumber-js/examples.mobile.json';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { tablePrng } from '../prng.js';

export interface PhoneTemplate {
  /** The formatted number with its last four digits blanked out: parts[0] d parts[1] d ... parts[4]. */
  parts: string[];
  /** When the four digits are contiguous and last: everything before them. */
  head?: string;
}

const TEMPLATES_PER_COUNTRY = 48;
const MIN_TEMPLATES = 16;
const ATTEMPTS_PER_LEVEL = 250;
const cache = new Map<string, PhoneTemplate[]>();

function toTemplate(formatted: string): PhoneTemplate {
  const positions: number[] = [];
  for (let i = formatted.length - 1; i >= 0 && positions.length < 4; i--) if (formatted[i] >= '0' && formatted[i] <= '9') positions.unshift(i);
  const parts: string[] = [];
  let from = 0;
  for (const p of positions) {
    parts.push(formatted.slice(from, p));
    from = p + 1;
  }
  parts.push(formatted.slice(from));
  const contiguous = parts[1] === '' && parts[2] === '' && parts[3] === '' && parts[4] === '';
  return contiguous ? { parts, head: parts[0] } : { parts };
}

/** Valid-number templates for an ISO country code (cached per process). */
export function phoneTemplates(country: string): PhoneTemplate[] {
  const hit = cache.get(country);
  if (hit) return hit;
  const example = getExampleNumber(country as CountryCode, examples);
  if (!example) throw new Error(`no numbering plan for country ${country}`);
  const national = example.nationalNumber as string;
  const rng = tablePrng(`phone:${country}`);
  const found = new Set<string>();
  // Fully random numbers of the example's length first (every area code and service), then, for plans where
  // those are rarely valid, numbers sharing more and more leading digits with the example.
  for (let keep = 0; keep <= Math.min(3, national.length - 4) && found.size < MIN_TEMPLATES; keep++) {
    for (let i = 0; i < ATTEMPTS_PER_LEVEL && found.size < TEMPLATES_PER_COUNTRY; i++) {
      let digits = keep === 0 ? String(1 + rng.int(9)) : national.slice(0, keep);
      while (digits.length < national.length) digits += String(rng.int(10));
      const parsed = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`);
      if (parsed?.isValid() && parsed.country === country) found.add(parsed.formatInternational());
    }
  }
  if (found.size === 0) found.add(example.formatInternational());
  const templates = [...found].sort().map(toTemplate);
  cache.set(country, templates);
  return templates;
}
