/**
 * INTEGER, LONG, FLOAT, INCREMENT_INTEGER, INCREMENT_LONG, BOOLEAN generators.
 * Ranges are inclusive [min, max] for integers, [min, max) for FLOAT. Increments are a pure function of the
 * row's index in its command (min + batch × rows + row), so any worker can generate any batch.
 */
import type { FieldSpec } from '../field-spec.js';
import { bigBelow, float53, intBelow } from '../prng.js';
import type { FieldGen } from './runtime.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

export function integerRange(spec: FieldSpec): [number, number] {
  return [spec.min ?? 0, spec.max ?? INT_MAX];
}

export function longRange(spec: FieldSpec): [bigint, bigint] {
  return [spec.minBig ?? LONG_MIN, spec.maxBig ?? LONG_MAX];
}

export function floatRange(spec: FieldSpec): [number, number] {
  return [spec.min ?? -9.223372036854776e18, spec.max ?? 9.223372036854776e18];
}

export function numberGenerator(spec: FieldSpec): FieldGen | undefined {
  switch (spec.type) {
    case 'INTEGER': {
      const [min, max] = integerRange(spec);
      const span = max - min + 1;
      return (st) => min + intBelow(st.rng, span);
    }
    case 'LONG': {
      const [min, max] = longRange(spec);
      const span = max - min + 1n;
      if (span <= 4294967296n) {
        const n = Number(span);
        return (st) => min + BigInt(st.rng.int(n));
      }
      return (st) => min + bigBelow(st.rng, span);
    }
    case 'FLOAT': {
      const [min, max] = floatRange(spec);
      const span = max - min;
      return (st) => {
        const v = min + float53(st.rng) * span;
        return v < max || span === 0 ? v : min;
      };
    }
    case 'INCREMENT_INTEGER': {
      const min = spec.min ?? 0;
      return (st) => {
        const v = min + st.row;
        return v > INT_MAX ? INT_MIN + (v - INT_MAX - 1) : v;
      };
    }
    case 'INCREMENT_LONG': {
      const min = spec.minBig ?? 0n;
      return (st) => min + BigInt(st.row);
    }
    case 'BOOLEAN': return (st) => st.rng.next() < 0.5;
    default: return undefined;
  }
}
