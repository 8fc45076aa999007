/**
 * Loaded by AVA before every test file (package.json "ava.require"). A fetch rejects with an error whose stack holds
 * only Node's internal frames (undici); AVA's TAP reporter, finding no source line for it, threw ("unacceptable kind
 * of an object to dump [object Undefined]") and the whole run ended at the first test whose request failed, its name
 * and reason lost. The same error is rethrown (name, message and cause unchanged, which the code under test reads),
 * its stack extended with the frames of the call.
 */
const fetchOf = globalThis.fetch.bind(globalThis);

globalThis.fetch = async (input, init) => {
  const call = new Error('fetch called');
  try {
    return await fetchOf(input, init);
  } catch (err) {
    if (err instanceof Error) {
      try {
        err.stack = `${err.stack ?? String(err)}\n${(call.stack ?? '').split('\n').slice(1).join('\n')}`;
      } catch {
        // A stack that cannot be set is left as it is.
      }
    }
    throw err;
  }
};
