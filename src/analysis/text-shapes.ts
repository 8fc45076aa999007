/**
 * Recognisers of texts by their form alone: UUIDs, IPv4 addresses, e-mail addresses, phone numbers (with their
 * country, which libphonenumber reads from the number), upper-case hex (bytes and MD5 hashes written as text). Pure.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const PHONE_TEXT = /^\+?[\d\s().-]{6,24}$/;
const HEX = /^[0-9A-F]+$/;

export const isUuid = (t: string): boolean => UUID.test(t);
export const isIpv4 = (t: string): boolean => IPV4.test(t);
export const isEmail = (t: string): boolean => EMAIL.test(t);
export const isUpperHex = (t: string): boolean => t.length % 2 === 0 && HEX.test(t) && /[A-F]/.test(t);

/** The ISO country of a valid international phone number ("+33 6 12 34 56 78" → "FR"), or undefined. */
export function phoneCountry(t: string): string | undefined {
  if (!t.startsWith('+') || !PHONE_TEXT.test(t)) return undefined;
  const n = parsePhoneNumberFromString(t);
  return n?.isValid() ? n.country : undefined;
}

/** The share of `sample` for which `test` holds (0 for an empty sample). */
export function share(sample: readonly string[], test: (t: string) => boolean): number {
  if (sample.length === 0) return 0;
  let hits = 0;
  for (const t of sample) if (test(t)) hits++;
  return hits / sample.length;
}
