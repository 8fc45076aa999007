/**
 * Java and Maven on this machine, and the jar cache the services run from.
 * Each service's runtime jars are resolved once from its pom (maven/<svc>.pom.xml) into
 * ~/.cache/datagen-ts/maven-<svc>/lib; a stamp holding the pom's hash makes later runs skip Maven.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POM_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven');

export type JavaService = 'kafka' | 'hbase' | 'hdfs' | 'hive' | 'solr';

export function cacheRoot(): string {
  return process.env.DATAGEN_TS_CACHE ?? path.join(os.homedir(), '.cache', 'datagen-ts');
}

/** Why Java services cannot run here, or null when `java` and `mvn` are both on the PATH. */
export async function javaUnavailableReason(): Promise<string | null> {
  for (const [bin, arg] of [['java', '-version'], ['mvn', '--version']] as const) {
    try {
      await run(bin, [arg], { timeout: 60_000 });
    } catch (err) {
      return `\`${bin} ${arg}\` failed (${(err as Error).message.split('\n')[0]}); install Java 17 and Maven 3.8+ to run Kafka and HBase locally`;
    }
  }
  return null;
}

/** The directory holding every runtime jar of `svc`, resolving them with Maven when the cache is cold or stale. */
export async function resolveJars(svc: JavaService): Promise<string> {
  const pom = path.join(POM_DIR, `${svc}.pom.xml`);
  const dir = path.join(cacheRoot(), `maven-${svc}`);
  const lib = path.join(dir, 'lib');
  const stamp = path.join(dir, 'resolved.sha256');
  const hash = createHash('sha256').update(await readFile(pom)).digest('hex');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')).trim() === hash) return lib;
  await rm(lib, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    await run('mvn', ['-B', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`], {
      timeout: 20 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as Error & { stdout?: string };
    throw new Error(`resolving ${svc} jars with Maven failed: ${e.message}\n${(e.stdout ?? '').slice(-4000)}`);
  }
  await writeFile(stamp, hash + '\n');
  return lib;
}

/**
 * A small Java main's class directory beside the jars of `lib` (java/<Main>.java compiled against them), rebuilt
 * when its source changes (a stamp holds its hash).
 */
export async function compileJavaMain(lib: string, source: string): Promise<string> {
  const text = await readFile(source);
  const hash = createHash('sha256').update(text).digest('hex');
  const classes = path.join(path.dirname(lib), 'classes');
  const stamp = path.join(path.dirname(lib), 'classes.sha256');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')).trim() === hash) return classes;
  await rm(classes, { recursive: true, force: true });
  await mkdir(classes, { recursive: true });
  await run('javac', ['-nowarn', '-cp', path.join(lib, '*'), '-d', classes, source], { timeout: 300_000 }).catch(
    (err: Error & { stderr?: string }) => {
      throw new Error(`compiling ${source} failed: ${err.message}\n${err.stderr ?? ''}`);
    },
  );
  await writeFile(stamp, hash + '\n');
  return classes;
}
