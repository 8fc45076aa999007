/**
 * A storage SDK loaded on first use rather than with the module that names it: the S3, Azure and GCS SDKs take
 * some 25 MB of heap and a second or two to load, and every thread that may write a file (the generator and sink-step
 * threads, the API's) would otherwise pay for all three whatever it writes to. Each is a CommonJS package, so a
 * synchronous require keeps the destinations' constructors synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that loads module `id` the first time it is called. */
export function lazySdk<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
