/**
 * Loads the dictionaries ahead of any model that take long to load (cities: about half a second), so that a thread
 * booted at start-up compiles its first model without paying for them on a request. Names are not preloaded: a
 * model's countries' locales load in milliseconds at compile time, and every locale at once would keep 35-50 MB in
 * each thread that most models never read. Each is cached per thread.
 */
import { loadCities } from './cities.js';

export async function preloadDictionaries(): Promise<void> {
  await loadCities();
}
