/**
 * One real storage server per test file (s3proxy, Azurite, fake-gcs-server): started in test.before, stopped in
 * test.after.always. When the server cannot run on this machine the file's tests are skipped with a loud message,
 * except under CI=true, where they fail.
 */
import type { ImplementationFn, TestFn } from 'ava';

export interface StoreForTests<S> {
  /** test.serial, or test.serial.skip when the server cannot run here. */
  test: (title: string, impl: ImplementationFn<[]>) => void;
  /** The running server; valid once test.before has run. */
  service(): S;
}

export async function storeForTests<S extends { stop(): Promise<void> }>(
  test: TestFn,
  name: string,
  unavailable: () => Promise<string | null>,
  start: () => Promise<S>,
): Promise<StoreForTests<S>> {
  let running: S | undefined;
  const handle: StoreForTests<S> = {
    test: (title, impl) => test.serial(title, impl),
    service: () => {
      if (!running) throw new Error(`${name} test server is not running`);
      return running;
    },
  };
  const missing = await unavailable();
  if (missing && process.env.CI !== 'true') {
    const banner = '!'.repeat(100);
    console.warn(`\n${banner}\nSKIPPING ${name.toUpperCase()} TESTS: ${missing}.\nThey run against a real ${name} server; under CI=true this is a failure.\n${banner}\n`);
    return { ...handle, test: (title, impl) => test.serial.skip(title, impl) };
  }
  test.before(`start ${name}`, async (t) => {
    t.timeout(15 * 60_000, `starting ${name} (a first run may fetch or build it)`);
    if (missing) throw new Error(`cannot start ${name}: ${missing}`);
    running = await start();
  });
  test.after.always(`stop ${name}`, async (t) => {
    t.timeout(2 * 60_000);
    await running?.stop();
  });
  return handle;
}
