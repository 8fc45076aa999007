/**
 * Loads the dictionaries a model may need (cities, every locale's names) ahead of any model, so that a thread
 * booted at start-up compiles its first model without paying for them on a request. Each is cached per thread.
 */
import { loadCities } from './cities.js';
import { emailDomains, firstNames, lastNames } from './names.js';

export async function preloadDictionaries(): Promise<void> {
  await loadCities();
  firstNames(undefined);
  lastNames(undefined);
  emailDomains(undefined);
}
