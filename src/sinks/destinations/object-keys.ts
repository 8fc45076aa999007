/**
 * Paths on object stores: a destination path is '/'-separated and its directory is a key prefix. Keys never start
 * with '/' and hold no empty parts, so `a/b` written as `/a//b/` reaches the same object.
 */

/** The object key of a destination path. */
export function objectKey(p: string): string {
  return p.split('/').filter((part) => part !== '').join('/');
}

/** The listing prefix of a directory: '' for the root, else `dir/`. */
export function dirPrefix(dir: string): string {
  const key = objectKey(dir);
  return key === '' ? '' : `${key}/`;
}

/** The name of `key` inside the directory whose prefix is `prefix`, or undefined when it lies deeper or elsewhere. */
export function nameInDir(prefix: string, key: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  return name === '' || name.includes('/') ? undefined : name;
}
