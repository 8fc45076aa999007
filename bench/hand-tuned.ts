/**
 * The hand-tuned baseline of the end-to-end bench: the 10 fields of models/customers-usa.json written to a file
 * as JSON Lines or CSV by one loop on one core, the way one would write it by hand for speed. Every value is
 * drawn from arrays precomputed once (the same dictionaries the engine uses, already quoted and escaped for
 * the format), with an inlined sfc32 PRNG and an alias table for population-weighted cities; each line is built
 * by string concatenation and written in chunks.
 * Run as a process of its own (its CPU time and peak memory are its own):
 * `node --import tsx bench/hand-tuned.ts <json|csv> <rows> <file>` prints one JSON line of figures.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { eachCity, loadCities } from '../src/model/dictionaries/cities.js';
import { emailDomains, firstNames, lastNames } from '../src/model/dictionaries/names.js';
import { phoneTemplates } from '../src/model/dictionaries/phones.js';
import { asciiFold } from '../src/model/fields/people.js';
import { isMain, loopArgs, loopFigures, type Format, type LoopFigures } from './loop-figures.js';

const CHUNK_ROWS = 16_384;
const COLUMNS = ['customer_id', 'first_name', 'email', 'phone', 'birthdate', 'city', 'country', 'membership', 'balance', 'active'];

/** Walker's alias method: O(1) weighted draws. */
function aliasTable(weights: number[]): { prob: Float64Array; alias: Uint32Array } {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return { prob, alias };
}

const csvText = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function tables(format: Format) {
  const quote = format === 'json' ? (s: string) => JSON.stringify(s) : csvText;
  const firsts = firstNames(['US']).map((n) => n.name);
  const folded = (names: string[]) => [...new Set(names.map(asciiFold).filter((n) => n.length >= 2))];
  const emailFirsts = folded(firsts);
  const emailLasts = folded(lastNames(['US']));
  const domains = emailDomains(['US']).map((d) => '@' + d);
  const phones = phoneTemplates('US').filter((t) => t.head !== undefined).map((t) => t.head!);
  const cities = [...eachCity(await loadCities())].filter((c) => c.country === 'US');
  const days: string[] = [];
  for (let d = Date.UTC(1950, 0, 1); d <= Date.UTC(2005, 11, 31); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  const q = format === 'json' ? '"' : '';
  return {
    firsts: firsts.map(quote),
    emailFirsts,
    emailLasts,
    domains,
    phones,
    fourDigits: Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0')),
    twoDigits: Array.from({ length: 100 }, (_, i) => String(i)),
    days: days.map((d) => q + d + q),
    cities: cities.map((c) => quote(c.name)),
    cityAlias: aliasTable(cities.map((c) => Math.max(1, c.population))),
    country: quote('USA'),
    memberships: ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'].map(quote),
    q,
  };
}

/** Writes `rows` customers to `file`; the figures cover the loop only (dictionaries are built before the clock). */
export async function handTuned(format: Format, rows: number, file: string): Promise<LoopFigures> {
  const T = await tables(format);
  const { firsts, emailFirsts, emailLasts, domains, phones, fourDigits, twoDigits, days, cities, country, memberships, q } = T;
  const { prob, alias } = T.cityAlias;
  const json = format === 'json';
  // Separators merged into constants: a JSON line is key-prefixed values, a CSV line comma-joined ones.
  const k = json ? COLUMNS.map((c, i) => (i === 0 ? `{"${c}":` : `,"${c}":`)) : COLUMNS.map((_c, i) => (i === 0 ? '' : ','));
  const end = json ? '}\n' : '\n';
  let a = 0x9e3779b9, b = 1, c = 2, d = 3;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  try {
    if (!json) bytes += writeSync(fd, COLUMNS.join(',') + '\n');
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      const to = Math.min(rows, from + CHUNK_ROWS);
      let out = '';
      for (let r = from; r < to; r++) {
        const f = (next() * emailFirsts.length) | 0;
        const l = (next() * emailLasts.length) | 0;
        const at = domains[(next() * domains.length) | 0];
        const style = (next() * 5) | 0;
        const email = style === 0 ? emailFirsts[f] + '.' + emailLasts[l] + at
          : style === 1 ? emailFirsts[f][0] + emailLasts[l] + at
          : style === 2 ? emailFirsts[f] + '_' + emailLasts[l] + at
          : style === 3 ? emailFirsts[f] + '.' + emailLasts[l] + twoDigits[(next() * 100) | 0] + at
          : emailLasts[l] + '.' + emailFirsts[f] + at;
        const ci = (next() * cities.length) | 0;
        const city = next() < prob[ci] ? cities[ci] : cities[alias[ci]];
        const m = next();
        out += k[0] + (1_000_000 + r)
          + k[1] + firsts[(next() * firsts.length) | 0]
          + k[2] + q + email + q
          + k[3] + q + phones[(next() * phones.length) | 0] + fourDigits[(next() * 10_000) | 0] + q
          + k[4] + days[(next() * days.length) | 0]
          + k[5] + city
          + k[6] + country
          + k[7] + memberships[m < 0.6 ? 0 : m < 0.85 ? 1 : m < 0.95 ? 2 : 3]
          + k[8] + next() * 25_000
          + k[9] + (next() < 0.85 ? 'true' : 'false') + end;
      }
      bytes += writeSync(fd, out);
    }
  } finally {
    closeSync(fd);
  }
  return loopFigures(rows, bytes, t0, cpu0);
}

if (isMain(import.meta.url)) {
  const { format, rows, file } = loopArgs();
  console.log(JSON.stringify(await handTuned(format, rows, file)));
}
