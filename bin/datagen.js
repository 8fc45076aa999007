#!/usr/bin/env node
// Runs the CLI from a JavaScript bundle of the TypeScript sources built at start (src/bundle/code-bundle.js), with
// the activity threads' entry in the same build: the process then runs without tsx's loader (its hooks thread, its
// esbuild process, a transform per module). Through tsx's loader (registered for this process and its threads)
// when the bundle cannot be built.
import { buildBundle } from '../src/bundle/code-bundle.js';

const urls = await buildBundle('cli', { cli: 'src/cli.ts', entry: 'src/activities/activity-thread-entry.ts' }).catch(() => undefined);
if (urls) {
  globalThis[Symbol.for('datagen.threadBundle')] = urls.entry;
  await import(urls.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
