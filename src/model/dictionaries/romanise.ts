/**
 * Names in Latin script, as the original's names.csv had them ("Hiroshi", "Aleksandr", "Minjun"): faker's locales
 * write them in their own script. Japanese names read by their Japanese reading (japanese-readings.ts: kanji read
 * letter by letter would be Chinese), every other script transliterated by any-ascii (pinyin for Chinese, the usual
 * romanisations of Cyrillic, Greek, Hangul, Georgian, Armenian, Devanagari). Scripts that do not write their
 * vowels (Hebrew, Arabic, Persian, Urdu) or leave them implicit (Thai) lose the name letter by letter ("أحمد" would
 * be "Hmd"): those names stay as written.
 */
import anyAscii from 'any-ascii';
import { JAPANESE_READINGS } from './japanese-readings.js';

/** How a NAME (or an EMAIL's local part) is written: romanised by default, or in the locale's own script. */
export type NameScript = 'latin' | 'native';
export const NAME_SCRIPTS: readonly NameScript[] = ['latin', 'native'];

const LATIN_ALREADY = /^[\p{Script=Latin}\p{M}\s'’.-]*$/u;
const KEPT_AS_WRITTEN = /[\u0590-\u06FF\u0750-\u077F\u08A0-\u08FF\u0E00-\u0E7F]/;

/** One name in Latin script; `japanese`: a name in kanji is read as Japanese (the countries include Japan). */
export function romanise(name: string, japanese: boolean): string {
  if (LATIN_ALREADY.test(name) || KEPT_AS_WRITTEN.test(name)) return name;
  const reading = japanese ? JAPANESE_READINGS[name] : undefined;
  if (reading) return reading;
  // "WeiChen", "Aver'yan" → "Weichen", "Averyan": one capital per word, as a name is written.
  const ascii = anyAscii(name).replace(/[^A-Za-z -]/g, '').trim();
  if (!ascii) return name;
  return ascii.split(/([ -])/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
}
