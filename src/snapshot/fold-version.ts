/**
 * A snapshot's version, computed rather than kept by hand: the sha256 of the source of the fold's modules and of
 * every project module they import, transitively (type-only imports aside). Any change to that code (a
 * machine, the fold, a view frozen into a snapshot, the snapshot's encoding) gives another version, so the next
 * start ignores the old snapshot and replays from the start. A hand-kept constant depends on someone remembering
 * to bump it; this errs only the safe way (a harmless edit costs one full replay).
 * The service runs from its TypeScript sources (bin/datagen.js loads them through tsx), so they are readable;
 * where one is not, there is no version and snapshots are not used.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump only to invalidate every snapshot without a code change. */
const FORMAT = 1;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RELATIVE_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** `entries`: URLs of the fold's modules (their import.meta.url). */
export function foldVersion(entries: readonly string[]): string | undefined {
  const files = foldSources(entries);
  if (!files) return undefined;
  const hash = createHash('sha256');
  for (const file of files) hash.update(`\0${path.relative(ROOT, file)}\0`).update(readFileSync(file));
  return `${FORMAT}-${hash.digest('hex').slice(0, 32)}`;
}

/** The source files the version covers, sorted; undefined when one is not readable. */
export function foldSources(entries: readonly string[]): string[] | undefined {
  const seen = new Set<string>();
  const queue: Array<string | undefined> = entries.map((u) => sourceFile(fileURLToPath(u)));
  while (queue.length) {
    const file = queue.shift();
    if (file === undefined) return undefined;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      if (!m[1]) queue.push(sourceFile(path.resolve(path.dirname(file), m[2])));
    }
  }
  return [...seen].sort();
}

/** The source behind an import specifier (`./x.js` is `./x.ts` in the sources). */
function sourceFile(file: string): string | undefined {
  return [file.replace(/\.js$/, '.ts'), file].find((f) => /\.[cm]?[jt]s$/.test(f) && existsSync(f));
}
