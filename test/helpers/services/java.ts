/**
 * Java and Maven on this machine, and the jar cache the services run from.
 * Each service's runtime jars are resolved once from its pom (maven/<svc>.pom.xml) into
 * ~/.cache/datagen-ts/maven-<svc>/lib; a stamp holding the pom's hash makes later runs skip Maven.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compileJavaMain, resolveMavenJars } from '../../../src/jvm/build-cache.js';

const run = promisify(execFile);
const POM_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven');

export type JavaService = 'kafka' | 'hbase' | 'hdfs' | 'hive' | 'solr';
/** Jar sets that are tools, not services: Kafka's command-line tools (kafka-producer-perf-test, bench/kafka.ts). */
export type JavaTools = 'kafka-tools';

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
export function resolveJars(svc: JavaService | JavaTools): Promise<string> {
  return resolveMavenJars(path.join(POM_DIR, `${svc}.pom.xml`), path.join(cacheRoot(), `maven-${svc}`), svc);
}

/** A small Java main's class directory beside the jars of `lib` (java/<Main>.java compiled against them). */
export { compileJavaMain };
