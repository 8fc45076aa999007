/** Turns text (possible values, conditional results, formula results) into the value type of a field. */
import { formatDay, parseDay, parseInstant } from '../dates.js';
import type { FieldType, Value } from '../types.js';

const utf8 = new TextEncoder();

/** Throws an Error saying why the text does not fit the type. */
export function castText(type: FieldType, text: string): Value {
  switch (type) {
    case 'INTEGER': case 'INCREMENT_INTEGER': case 'TIMESTAMP': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
      return Math.trunc(n);
    }
    case 'FLOAT': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`"${text}" is not a number`);
      return n;
    }
    case 'LONG': case 'INCREMENT_LONG': {
      const t = text.trim();
      if (/^[-+]?\d+$/.test(t)) return BigInt(t.replace('+', ''));
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not an integer`);
      return BigInt(Math.trunc(n));
    }
    case 'BOOLEAN': return text.trim().toLowerCase() === 'true';
    case 'BIRTHDATE': {
      const d = parseDay(text);
      if (d === undefined) throw new Error(`"${text}" is not a date (d/M/yyyy or yyyy-MM-dd)`);
      return formatDay(d);
    }
    case 'DATE': {
      const t = text.trim();
      const ms = /^-?\d+$/.test(t) ? Number(t) : parseInstant(t);
      if (ms === undefined) throw new Error(`"${text}" is not an ISO date-time`);
      return new Date(ms);
    }
    case 'BYTES': case 'HASH_MD5': return utf8.encode(text);
    default: return text;
  }
}

/** Types whose empty value is "" rather than null. */
const TEXT_TYPES = new Set<FieldType>(['STRING', 'STRING_AZ', 'STRING_REGEX', 'NAME', 'COUNTRY', 'CITY', 'PHONE', 'EMAIL', 'IP',
  'UUID', 'CSV', 'LINK', 'DATE_AS_STRING', 'OLLAMA', 'OPEN_AI', 'BEDROCK', 'LOCAL_LLM']);

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.has(type);
}

/** A formula's result as the field's value (null for undefined/null results). */
export function castResult(type: FieldType, v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && (type === 'FLOAT' || type === 'INTEGER' || type === 'INCREMENT_INTEGER' || type === 'TIMESTAMP')) {
    if (!Number.isFinite(v)) throw new Error(`result ${v} is not a finite number`);
    return type === 'FLOAT' ? v : Math.trunc(v);
  }
  if (typeof v === 'boolean' && type === 'BOOLEAN') return v;
  return castText(type, typeof v === 'object' ? JSON.stringify(v) : String(v));
}
