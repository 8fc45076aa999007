#!/usr/bin/env node
// Runs the CLI from a JavaScript bundle of the TypeScript sources built at start (src/bundle/code-bundle.js), with
// the activity threads' entry in the same build: the process then runs without tsx's loader (its hooks thread, its
// esbuild process, a transform per module). Through tsx's loader (registered for this process and its threads)
// when the bundle cannot be built.
import { buildBundle } from '../src/bundle/code-bundle.js';

// Memory settings a process must start with, applied by replacing this process with itself (process.execve: the
// same pid, no second process): glibc's MALLOC_ARENA_MAX, read at start, caps the malloc arenas that each generator
// thread would otherwise keep growing (measured: 40-60 MB less resident memory during a batch); its
// MALLOC_MMAP_THRESHOLD_ fixed at 128 KB keeps buffers of a chunk's size (megabytes) in mappings of their own,
// returned when freed, where glibc's moving threshold put them in the arenas after the first was freed (measured:
// 25-40 MB lower peaks on 10M-row single batches, same speed); and V8's young generation of the main thread (the
// API, projector and orchestrator: short-lived garbage, 4 MB semi-spaces hold it; measured: its heap 55 MB instead
// of 113 MB). An explicit MALLOC_ARENA_MAX, or DATAGEN_MEMORY_DEFAULTS=0, keeps the process as it was started.
if (process.platform === 'linux' && typeof process.execve === 'function' && process.env.MALLOC_ARENA_MAX === undefined && process.env.DATAGEN_MEMORY_DEFAULTS !== '0') {
  const semi = process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) ? [] : ['--max-semi-space-size=4'];
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...semi, ...process.argv.slice(1)], { MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, MALLOC_ARENA_MAX: '2' });
  } catch {
    // Not replaceable here (a sandbox refusing execve): run with the defaults.
  }
}

// V8 reads --max-semi-space-size for every isolate it creates, overriding a thread's maxYoungGenerationSizeMb: the
// generator threads then had the main thread's 4 MB semi-spaces, each chunk's rows outlived them and went to the
// old generation (measured: 40% of a thread's time in GC). The main isolate keeps its size; threads get theirs.
if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--max-semi-space-size=0');
}

const urls = await buildBundle('cli', { cli: 'src/cli.ts', entry: 'src/activities/activity-thread-entry.ts' }).catch(() => undefined);
if (urls) {
  globalThis[Symbol.for('datagen.threadBundle')] = urls.entry;
  await import(urls.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
