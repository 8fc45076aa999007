/**
 * The Kudu bridge's program (bridge/KuduBridge.java) built once into its cache directory: kudu-client's jars
 * resolved by Maven from bridge/pom.xml into <dir>/lib, the main compiled by javac into <dir>/classes, each
 * skipped while its stamp matches the hash of the pom (the source). Needs a JDK 17+ (java, javac) and Maven on
 * the PATH the first time, Maven Central (or a mirror in ~/.m2/settings.xml) reachable then: docs/kudu.md.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJavaMain, resolveMavenJars } from '../../jvm/build-cache.js';

const BRIDGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bridge');
export const BRIDGE_MAIN = 'KuduBridge';

/** The cache directory: KUDU_BRIDGE_DIR from the service's settings, else ~/.cache/datagen-ts/kudu-bridge. */
export function bridgeDir(properties: Record<string, string>): string {
  return properties.KUDU_BRIDGE_DIR?.trim() || path.join(os.homedir(), '.cache', 'datagen-ts', 'kudu-bridge');
}

/** The bridge's classpath, building what is missing or stale. */
export async function buildBridge(dir: string): Promise<string[]> {
  const lib = await resolveMavenJars(path.join(BRIDGE_DIR, 'pom.xml'), dir, 'the kudu bridge');
  const classes = await compileJavaMain(lib, path.join(BRIDGE_DIR, `${BRIDGE_MAIN}.java`));
  return [classes, path.join(lib, '*')];
}
