/** CITY: uniform over every city, or population-weighted within the filtered countries (as the original). */
import type { CityTable } from '../dictionaries/cities.js';
import type { FieldSpec } from '../field-spec.js';
import { weightedIndex } from '../weighted.js';
import type { FieldGen } from './runtime.js';
import { ModelError } from '../../errors.js';

/** Keeps the drawn city's index in the row's records, for LINKs to read its other attributes. */
export function cityGenerator(spec: FieldSpec, cities: CityTable): FieldGen {
  const i = spec.index;
  if (!spec.countries?.length) {
    return (st) => {
      const c = (st.rng.next() * cities.length) | 0;
      st.recs[i] = c;
      return cities.name(c);
    };
  }
  const wanted = new Set(spec.countries);
  const subset: number[] = [];
  for (let c = 0; c < cities.length; c++) if (wanted.has(cities.country(c))) subset.push(c);
  if (subset.length === 0) throw new ModelError(`no city known in ${spec.countries.join(', ')}`, `${spec.path}.filters`);
  const index = weightedIndex(subset.map((c) => Math.max(1, cities.population(c))));
  const names = subset.map((c) => cities.name(c));
  return (st) => {
    const k = index.pick(st.rng);
    st.recs[i] = subset[k];
    return names[k]!;
  };
}
