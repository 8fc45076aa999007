/**
 * Java DateTimeFormatter patterns (the common subset), compiled once into a formatter of epoch ms in UTC.
 * Supported letters: G u y Y Q q M L w d D E e c a h K k H m s S A n N V z O X x Z, quoted 'text', '' and [optional]
 * sections (always printed). Week-based fields (Y, w, e, c) use ISO weeks (Monday first).
 */
import { civilFromDays, daysFromCivil } from './dates.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Parts {
  year: number; month: number; day: number; dayOfYear: number; dow: number; // dow 1 = Monday
  hour: number; minute: number; second: number; ms: number; weekYear: number; week: number;
}

function parts(epochMs: number): Parts {
  const days = Math.floor(epochMs / 86400000);
  const msOfDay = epochMs - days * 86400000;
  const c = civilFromDays(days);
  const dow = ((((days + 3) % 7) + 7) % 7) + 1;
  const dayOfYear = days - daysFromCivil(c.year, 1, 1) + 1;
  // ISO week: the week containing this day's Thursday.
  const thursday = days - dow + 4;
  const weekYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return {
    year: c.year, month: c.month, day: c.day, dayOfYear, dow, weekYear, week,
    hour: Math.floor(msOfDay / 3600000), minute: Math.floor(msOfDay / 60000) % 60, second: Math.floor(msOfDay / 1000) % 60, ms: msOfDay % 1000,
  };
}

type Piece = (p: Parts) => string;

const num = (get: (p: Parts) => number, width: number): Piece => (p) => {
  const v = get(p);
  return v < 0 ? '-' + String(-v).padStart(width, '0') : String(v).padStart(width, '0');
};

function text(values: string[], count: number, get: (p: Parts) => number): Piece {
  if (count === 4) return (p) => values[get(p)];
  if (count === 5) return (p) => values[get(p)][0];
  return (p) => values[get(p)].slice(0, 3);
}

function year(count: number, get: (p: Parts) => number): Piece {
  if (count === 2) return (p) => String(((get(p) % 100) + 100) % 100).padStart(2, '0');
  return num(get, count === 1 ? 1 : count);
}

function letterPiece(letter: string, count: number): Piece {
  switch (letter) {
    case 'G': return (p) => (count === 4 ? (p.year > 0 ? 'Anno Domini' : 'Before Christ') : p.year > 0 ? 'AD' : 'BC');
    case 'u': case 'y': return year(count, (p) => p.year);
    case 'Y': return year(count, (p) => p.weekYear);
    case 'Q': case 'q':
      if (count === 3) return (p) => 'Q' + Math.ceil(p.month / 3);
      if (count === 4) return (p) => ['1st', '2nd', '3rd', '4th'][Math.ceil(p.month / 3) - 1] + ' quarter';
      return num((p) => Math.ceil(p.month / 3), count);
    case 'M': case 'L':
      return count >= 3 ? text(MONTHS, count, (p) => p.month - 1) : num((p) => p.month, count);
    case 'w': return num((p) => p.week, count);
    case 'd': return num((p) => p.day, count);
    case 'D': return num((p) => p.dayOfYear, count);
    case 'E': return text(DAYS, count <= 3 ? 3 : count, (p) => p.dow - 1);
    case 'e': case 'c': return count >= 3 ? text(DAYS, count, (p) => p.dow - 1) : num((p) => p.dow, count);
    case 'a': return (p) => (p.hour < 12 ? 'AM' : 'PM');
    case 'h': return num((p) => (p.hour % 12 === 0 ? 12 : p.hour % 12), count);
    case 'K': return num((p) => p.hour % 12, count);
    case 'k': return num((p) => (p.hour === 0 ? 24 : p.hour), count);
    case 'H': return num((p) => p.hour, count);
    case 'm': return num((p) => p.minute, count);
    case 's': return num((p) => p.second, count);
    case 'S': return (p) => String(p.ms).padStart(3, '0').padEnd(count, '0').slice(0, count);
    case 'A': return num((p) => ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.ms, count);
    case 'n': return num((p) => p.ms * 1000000, count);
    case 'N': return num((p) => (((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.ms) * 1000000, count);
    case 'V': case 'z': return () => (letter === 'z' && count === 4 ? 'Coordinated Universal Time' : 'UTC');
    case 'O': return () => 'GMT';
    case 'X': return () => 'Z';
    case 'x': return () => (count === 1 ? '+00' : count === 2 || count === 4 ? '+0000' : '+00:00');
    case 'Z': return () => (count === 4 ? 'GMT' : count === 5 ? 'Z' : '+0000');
    default: throw new Error(`pattern letter '${letter}' is not supported`);
  }
}

/** Compiles a pattern; throws an Error saying which part is wrong. An empty pattern means ISO instant. */
export function compileDatePattern(pattern: string): (epochMs: number) => string {
  if (pattern === '') return (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const pieces: Piece[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { pieces.push(() => "'"); i += 2; continue; }
      if (end < 0) throw new Error(`unterminated quote at position ${i}`);
      let lit = pattern.slice(i + 1, end);
      let j = end;
      while (pattern[j + 1] === "'") { // '' inside a quoted section
        const next = pattern.indexOf("'", j + 2);
        if (next < 0) throw new Error(`unterminated quote at position ${i}`);
        lit += "'" + pattern.slice(j + 2, next);
        j = next;
      }
      pieces.push(() => lit);
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count++;
      pieces.push(letterPiece(ch, count));
      i += count;
    } else {
      if (ch !== '[' && ch !== ']') pieces.push(() => ch);
      i++;
    }
  }
  return (ms) => {
    const p = parts(ms);
    let out = '';
    for (const piece of pieces) out += piece(p);
    return out;
  };
}
