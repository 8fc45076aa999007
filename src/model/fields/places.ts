/** CITY: uniform over every city, or population-weighted within the filtered countries (as the original). */
import type { City } from '../dictionaries/cities.js';
import type { FieldSpec } from '../field-spec.js';
import { weightedIndex } from '../weighted.js';
import type { FieldGen } from './runtime.js';
import { ModelError } from '../../errors.js';

export function cityGenerator(spec: FieldSpec, cities: City[]): FieldGen {
  const i = spec.index;
  if (!spec.countries?.length) {
    return (st) => {
      const c = cities[(st.rng.next() * cities.length) | 0];
      st.recs[i] = c;
      return c.name;
    };
  }
  const wanted = new Set(spec.countries);
  const subset = cities.filter((c) => wanted.has(c.country));
  if (subset.length === 0) throw new ModelError(`no city known in ${spec.countries.join(', ')}`, `${spec.path}.filters`);
  const index = weightedIndex(subset.map((c) => Math.max(1, c.population)));
  return (st) => {
    const c = subset[index.pick(st.rng)];
    st.recs[i] = c;
    return c.name;
  };
}
