/**
 * The activity threads' code as JavaScript (src/bundle/code-bundle.js), built once per process at start-up: a
 * thread that loads it boots about twice as fast as one resolving and transforming each TypeScript module through
 * tsx's loader, and loads only the chunks of the kinds of job it runs (one file would import every package at its
 * top, faker's locales and every database driver in a model-check thread). bin/datagen.js builds it with the CLI's
 * own bundle and hands it over; a process started another way (tsx, tests) builds it here. Until it is built, or
 * when anything is in the way (no esbuild, a read-only tree), threads load through tsx.
 */
import { buildBundle } from '../bundle/code-bundle.js';

/** Where bin/datagen.js leaves the thread entry it built with the CLI. */
export const THREAD_BUNDLE_KEY = Symbol.for('datagen.threadBundle');

let building: Promise<string | null> | undefined;
let built: string | null = null;

/** The file URL of the bundled thread entry once prepareThreadBundle() has built it; null before or without it. */
export function threadBundleUrl(): string | null {
  return built;
}

/** Builds the bundle (once per process); resolves to its URL, or null when it cannot be built. */
export function prepareThreadBundle(): Promise<string | null> {
  const handed = (globalThis as Record<symbol, unknown>)[THREAD_BUNDLE_KEY];
  building ??= (typeof handed === 'string' ? Promise.resolve(handed) : buildBundle('threads', { entry: 'src/activities/activity-thread-entry.ts' }).then((u) => u.entry))
    .then((url) => (built = url), () => null);
  return building;
}
