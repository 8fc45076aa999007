/**
 * Options.DELETE_PREVIOUS: remove earlier output of the same name, and only names this sink's naming scheme
 * produces for that exact prefix (another model's files that merely start with the same letters are kept):
 *   <prefix>-<batch>.<ext>, <prefix>.<ext>, <prefix>-execution-<n>-<batch>.<ext>, <prefix>-execution-<n>.<ext>
 * with <batch> at least 10 digits and <n> at least 6 (see paths.ts). Also: the stale temporary files a crashed
 * write leaves behind (atomic-file.ts names them).
 */
import path from 'node:path';
import type { Destination } from '../destinations/destination.js';

/** What may follow the prefix in an output name, before `.<ext>`. */
const OUTPUT_SUFFIX = /^(?:-\d{10,}|-execution-\d{6,}(?:-\d{10,})?)?$/;
/** What may follow the prefix in a batch or single file's name (no execution part: the prefix has it). */
const OWN_SUFFIX = /^(?:-\d{10,})?$/;
/** What tempPathFor appends to a file name: `.<pid>-<8 hex>.tmp`. */
const TEMP_SUFFIX = /\.\d+-[0-9a-f]{8}\.tmp$/;

/** The part of `name` between `prefix` and `.<ext>`, or undefined when `name` is not `<prefix>….<ext>`. */
function middle(name: string, prefix: string, ext: string): string | undefined {
  const tail = `.${ext}`;
  if (!name.startsWith(prefix) || !name.endsWith(tail) || name.length < prefix.length + tail.length) return undefined;
  return name.slice(prefix.length, name.length - tail.length);
}

/** Whether `name` is output of the family `prefix` (every execution of a schedule included). */
export function isPreviousOutput(name: string, prefix: string, ext: string): boolean {
  const m = middle(name, prefix, ext);
  return m !== undefined && OUTPUT_SUFFIX.test(m);
}

/** Whether `name` is a temporary file of a batch or single file named with exactly `prefix`. */
export function isStaleTemp(name: string, prefix: string, ext: string): boolean {
  const found = TEMP_SUFFIX.exec(name);
  if (!found || !name.startsWith('.')) return false;
  const m = middle(name.slice(1, found.index), prefix, ext);
  return m !== undefined && OWN_SUFFIX.test(m);
}

/** Removes the files of `dir` that `doomed` selects; returns their names. */
async function removeFiles(dest: Destination, dir: string, doomed: (name: string) => boolean): Promise<string[]> {
  const names = (await dest.list(dir)).filter(doomed);
  await Promise.all(names.map((name) => dest.remove(path.posix.join(dir, name))));
  return names;
}

/** Returns the deleted file names. */
export function deletePreviousOutput(dest: Destination, dir: string, prefix: string, ext: string): Promise<string[]> {
  return removeFiles(dest, dir, (name) => isPreviousOutput(name, prefix, ext));
}

/** Removes the temporary files that interrupted writes of `prefix` left in `dir`; returns their names. */
export function removeStaleTemps(dest: Destination, dir: string, prefix: string, ext: string): Promise<string[]> {
  return removeFiles(dest, dir, (name) => isStaleTemp(name, prefix, ext));
}
