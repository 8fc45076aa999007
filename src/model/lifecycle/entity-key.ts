/**
 * The key of entity e (0-based): 1 + e for the integer types and STRING, and for UUID a version-4-shaped UUID whose
 * last group is e, so keys never collide, whatever the seed.
 */
import type { FieldType, Value } from '../types.js';
import { hash32 } from './entity-hash.js';

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0').slice(-digits);

export function entityKey(type: FieldType, seed: number, entity: number): Value {
  switch (type) {
    case 'LONG':
    case 'INCREMENT_LONG':
      return BigInt(entity + 1);
    case 'STRING':
      return String(entity + 1);
    case 'UUID': {
      const a = hash32(seed, entity, 1, 0x55), b = hash32(seed, entity, 2, 0x55);
      return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${(8 + (a & 3)).toString(16)}${hex(a >>> 8, 3)}-${hex(entity, 12)}`;
    }
    default:
      return entity + 1;
  }
}
