/**
 * Which texts are first names or cities, read from the dictionaries the generators draw from
 * (src/model/dictionaries), so a column of generated names is recognised as NAME and generates names again.
 * The lookup tables are built once per process, on first use: a column only asks when its texts are not
 * recognised by form.
 */
import { loadCities } from '../model/dictionaries/cities.js';
import { firstNames } from '../model/dictionaries/names.js';
import { fieldFirstNames } from '../model/fields/people.js';

const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

let names: Set<string> | undefined;
let cities: Promise<Map<string, Set<string>>> | undefined;

/** First names of every country, as written and romanised (as NAME generates them). */
function firstNameSet(): Set<string> {
  names ??= new Set([...firstNames(undefined).map((n) => fold(n.name)), ...fieldFirstNames({}).map((n) => fold(n.name))]);
  return names;
}

/** Whether `t` is a first name, or a first name followed by more words (a full name). */
export function isPersonName(t: string): boolean {
  const set = firstNameSet();
  const f = fold(t);
  return set.has(f) || set.has(f.split(/\s+/)[0] ?? '');
}

/** City name (folded) → the ISO codes of the countries with a city of that name. */
export function cityCountries(): Promise<Map<string, Set<string>>> {
  cities ??= loadCities().then((all) => {
    const map = new Map<string, Set<string>>();
    for (let i = 0; i < all.length; i++) {
      const key = fold(all.name(i));
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(all.country(i));
    }
    return map;
  });
  return cities;
}

/** The countries of the city `t`, if it is one. */
export function citiesNamed(t: string, table: Map<string, Set<string>>): Set<string> | undefined {
  return table.get(fold(t));
}
