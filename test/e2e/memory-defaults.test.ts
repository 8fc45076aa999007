/**
 * `datagen serve` replaces itself (same pid) with the memory settings it must start with: glibc's arena cap and fixed
 * mmap threshold, and the main isolate's 4 MB semi-spaces; an operator's own MALLOC_ARENA_MAX, or
 * DATAGEN_MEMORY_DEFAULTS=0, keeps the process as started. Read from /proc, where the kernel shows what it runs.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { startServe } from '../helpers/service-process.js';

const environ = (pid: number) => new Map(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
const argv = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

test('the serve runs with MALLOC_ARENA_MAX=2, MALLOC_MMAP_THRESHOLD_=131072 and --max-semi-space-size=4, in the pid it was started as', async (t) => {
  const svc = await startServe();
  try {
    const pid = svc.child.pid!;
    const env = environ(pid);
    t.is(env.get('MALLOC_ARENA_MAX'), '2');
    t.is(env.get('MALLOC_MMAP_THRESHOLD_'), '131072');
    t.true(argv(pid).includes('--max-semi-space-size=4'), argv(pid).join(' '));
  } finally {
    await svc.stop();
  }
});

test('an operator\'s own malloc settings, or DATAGEN_MEMORY_DEFAULTS=0, are kept as given', async (t) => {
  const own = await startServe({ env: { MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' } });
  try {
    const env = environ(own.child.pid!);
    t.is(env.get('MALLOC_ARENA_MAX'), '4');
    t.is(env.get('MALLOC_MMAP_THRESHOLD_'), '65536');
  } finally {
    await own.stop();
  }
  const off = await startServe({ env: { DATAGEN_MEMORY_DEFAULTS: '0' } });
  try {
    const env = environ(off.child.pid!);
    t.false(env.has('MALLOC_ARENA_MAX'));
    t.false(env.has('MALLOC_MMAP_THRESHOLD_'));
    t.false(argv(off.child.pid!).includes('--max-semi-space-size=4'));
  } finally {
    await off.stop();
  }
});
