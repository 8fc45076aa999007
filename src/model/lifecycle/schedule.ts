/**
 * Which entity each event of the stream touches (pure). Step 0 creates every entity; each later step touches
 * `perStep` of them. A step orders the entities by its own affine permutation p(e) = (a·e + b) mod n (a a unit mod
 * n, both seeded per step) and touches those placed before perStep. Event j is then a pure function of (seed, j):
 * its step and place come from j alone, its entity from the inverse permutation, and an entity's previous touch is
 * found by testing earlier steps, with nothing kept between events.
 */
import { tablePrng } from '../prng.js';
import { hash32, SALT } from './entity-hash.js';

/** Multipliers a step picks from: enough for steps to order entities unalike. */
const UNITS = 64;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** x⁻¹ mod n for x coprime to n (extended Euclid; n < 2^26 keeps every product exact). */
function inverse(x: number, n: number): number {
  let [r0, r1, s0, s1] = [n, x, 0, 1];
  while (r1) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % n) + n) % n;
}

/** Up to UNITS multipliers coprime to n with their inverses: a function of n only. */
function unitsOf(n: number): { a: number[]; inv: number[] } {
  if (n === 1) return { a: [0], inv: [0] };
  const found = new Set<number>();
  if (n <= UNITS * 4) {
    for (let x = 1; x < n && found.size < UNITS; x++) if (gcd(x, n) === 1) found.add(x);
  } else {
    const rng = tablePrng(`lifecycle-units-${n}`);
    while (found.size < UNITS) {
      const x = 1 + Math.floor(rng.next() * (n - 1));
      if (gcd(x, n) === 1) found.add(x);
    }
  }
  const a = [...found];
  return { a, inv: a.map((x) => inverse(x, n)) };
}

export interface StepPlace {
  step: number;
  place: number;
}

export class Schedule {
  private readonly units: { a: number[]; inv: number[] };
  readonly perStep: number;

  constructor(readonly seed: number, readonly entities: number, updateProbability: number) {
    this.units = unitsOf(entities);
    this.perStep = Math.max(1, Math.min(entities, Math.round(entities * updateProbability)));
  }

  /** The step and the place in it of event j. */
  placeOf(event: number): StepPlace {
    if (event < this.entities) return { step: 0, place: event };
    const after = event - this.entities;
    return { step: 1 + Math.floor(after / this.perStep), place: after % this.perStep };
  }

  /** The event index of entity e's touch at `step` (which must touch it). */
  eventOf(entity: number, step: number): number {
    const place = this.placeIn(entity, step);
    return step === 0 ? place : this.entities + (step - 1) * this.perStep + place;
  }

  /** Events of a step: every entity at step 0, perStep after. */
  eventsIn(step: number): number {
    return step === 0 ? this.entities : this.perStep;
  }

  entityAt(step: number, place: number): number {
    const k = this.multiplier(step);
    const shifted = (place - this.offset(step) + this.entities) % this.entities;
    return (this.units.inv[k]! * shifted) % this.entities;
  }

  /** Where entity e stands in step `step`'s order. */
  placeIn(entity: number, step: number): number {
    return (this.units.a[this.multiplier(step)]! * entity + this.offset(step)) % this.entities;
  }

  touches(entity: number, step: number): boolean {
    return step === 0 || this.placeIn(entity, step) < this.perStep;
  }

  /** The last step before `step` (≥ 1) that touched the entity: 0 at worst, the step that created every entity. */
  previousTouch(entity: number, step: number): number {
    let s = step - 1;
    while (s > 0 && !this.touches(entity, s)) s--;
    return s;
  }

  private multiplier(step: number): number {
    return hash32(this.seed, step, 0, SALT.multiplier) % this.units.a.length;
  }

  private offset(step: number): number {
    return hash32(this.seed, step, 0, SALT.offset) % this.entities;
  }
}
