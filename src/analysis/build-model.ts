/**
 * The model of a source's data: one field per column, inferred from its profile, in the Datagen model format
 * (model_name, Fields, Table_Names, Options), ready to be parsed and stored.
 */
import { citiesNamed, cityCountries, isPersonName } from './dictionary-lookup.js';
import { inferField, type FieldJson, type Lookups } from './infer-field.js';
import type { ColumnProfile } from './column-profile.js';
import { withNullRate } from './null-share.js';

export interface ModelJson {
  model_name: string;
  Fields: FieldJson[];
  Table_Names: Record<string, string>;
  Options: Record<string, string>;
}

/** The dictionaries the recognisers read, loaded once per process. */
async function dictionaryLookups(): Promise<Lookups> {
  const cities = await cityCountries();
  return { isPersonName, cityCountries: (t) => citiesNamed(t, cities) };
}

export async function buildModel(name: string, columns: ColumnProfile[], lookups?: Lookups): Promise<ModelJson> {
  const l = lookups ?? (await dictionaryLookups());
  return { model_name: name, Fields: columns.map((c) => withNullRate(inferField(c, l), c)), Table_Names: {}, Options: {} };
}
