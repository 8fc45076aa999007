/**
 * Java programs built once into a cache directory outside the repository: their runtime jars resolved by Maven
 * from a pom, a main class compiled by javac against them. A stamp holding the hash of the pom (of the source)
 * makes later runs skip Maven (javac). Used by the Kudu sink's bridge and by the test servers.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function stamped(stamp: string, hash: string): Promise<boolean> {
  return existsSync(stamp) && (await readFile(stamp, 'utf8')).trim() === hash;
}

/** `dir`/lib holding every runtime jar of `pom`, resolved with Maven when the cache is cold or the pom changed. */
export async function resolveMavenJars(pom: string, dir: string, what: string): Promise<string> {
  const lib = path.join(dir, 'lib');
  const stamp = path.join(dir, 'resolved.sha256');
  const hash = sha256(await readFile(pom));
  if (await stamped(stamp, hash)) return lib;
  await rm(lib, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    await run('mvn', ['-B', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`], {
      timeout: 20 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as Error & { stdout?: string };
    throw new Error(`resolving ${what} jars with Maven failed: ${e.message}\n${(e.stdout ?? '').slice(-4000)}`);
  }
  await writeFile(stamp, hash + '\n');
  return lib;
}

/**
 * The class directory beside `lib` holding `source` compiled against its jars, rebuilt when the source changes.
 * javac writes into a directory of its own, renamed into place: two processes building at once (test files run
 * in parallel) never see each other's half-written classes.
 */
export async function compileJavaMain(lib: string, source: string): Promise<string> {
  const hash = sha256(await readFile(source));
  const classes = path.join(path.dirname(lib), 'classes');
  const stamp = path.join(path.dirname(lib), 'classes.sha256');
  if (await stamped(stamp, hash)) return classes;
  const building = await mkdtemp(path.join(path.dirname(lib), 'classes-building-'));
  try {
    await run('javac', ['-nowarn', '-cp', path.join(lib, '*'), '-d', building, source], { timeout: 300_000 }).catch(
      (err: Error & { stderr?: string }) => {
        throw new Error(`compiling ${source} failed: ${err.message}\n${err.stderr ?? ''}`);
      },
    );
    if (await stamped(stamp, hash)) return classes; // another process finished first
    await rm(classes, { recursive: true, force: true });
    try {
      await rename(building, classes);
    } catch (err) {
      // Another process put its build there between the two steps: the same source, compiled.
      if ((err as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (err as NodeJS.ErrnoException).code === 'EEXIST') return classes;
      throw err;
    }
    await writeFile(stamp, hash + '\n');
    return classes;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}
