/**
 * A sink's failure names the sink, so that a FAILED command's comment says where the rows were going ("s3_json:
 * committing s3://bucket/key at http://h:p failed: ..."), whatever layer threw. Errors that already name it stay
 * as they are; the error's class (and so its status) is kept.
 */
export function namedBySink<E>(err: E, service: string): E {
  if (!(err instanceof Error)) return new Error(`${service}: ${String(err)}`) as E;
  const named = new RegExp(`(^|[^a-z0-9_])${service.replace(/[^a-z0-9_]/gi, '')}([^a-z0-9_]|$)`, 'i').test(err.message);
  if (!named) err.message = `${service}: ${err.message}`;
  return err;
}
