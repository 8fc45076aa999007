/**
 * Apache ORC's own Java reader (orc-tools, the uber jar from Maven Central) on a file: `meta -j` (schema, encodings,
 * stripe and file statistics) and `data` (every row as JSON). The jar is fetched once with Maven into the jar cache
 * the Java services use. Numbers keep their exact source text (64-bit integers are not JavaScript numbers).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from './services/java.js';

const run = promisify(execFile);
/** The newest orc-tools with an uber jar on Maven Central (2.x publishes none). */
const VERSION = '1.9.5';

export async function orcToolsJar(): Promise<string> {
  const dir = path.join(cacheRoot(), 'orc-tools');
  const jar = path.join(dir, `orc-tools-${VERSION}-uber.jar`);
  if (existsSync(jar)) return jar;
  await mkdir(dir, { recursive: true });
  try {
    await run('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=org.apache.orc:orc-tools:${VERSION}:jar:uber`, `-DoutputDirectory=${dir}`], {
      cwd: dir,
      timeout: 20 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as Error & { stdout?: string };
    throw new Error(`fetching orc-tools ${VERSION} with Maven failed: ${e.message}\n${(e.stdout ?? '').slice(-4000)}`);
  }
  if (!existsSync(jar)) throw new Error(`Maven did not leave ${jar}`);
  return jar;
}

/** JSON with every number kept as its source text. */
function parseExact(text: string): any {
  return JSON.parse(text, (_key, value, context?: { source?: string }) => (typeof value === 'number' && context?.source !== undefined ? context.source : value));
}

async function orcTools(args: string[]): Promise<string> {
  const jar = await orcToolsJar();
  const { stdout } = await run('java', ['-Duser.timezone=UTC', '-jar', jar, ...args], { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });
  return stdout;
}

export async function orcMeta(file: string): Promise<any> {
  const out = await orcTools(['meta', '-j', '-p', file]);
  return parseExact(out.slice(out.indexOf('{')));
}

/** One object per row, column name → value (numbers as source text, binary as byte arrays, timestamps as text). */
export async function orcData(file: string): Promise<Record<string, unknown>[]> {
  const out = await orcTools(['data', file]);
  return out.split('\n').filter((l) => l.startsWith('{')).map(parseExact);
}

/**
 * orc-tools `convert`: JSON Lines `json` written as the ORC file `out` by Apache's Java writer with `schema`
 * (an ORC type string), timestamps given as ISO instants with milliseconds, and writer settings (`orc.compress`,
 * `orc.stripe.size`...) as --define options.
 */
export async function orcConvert(json: string, schema: string, out: string, settings: Record<string, string> = {}): Promise<void> {
  const defines = Object.entries(settings).flatMap(([k, v]) => ['--define', `${k}=${v}`]);
  await orcTools([...defines, 'convert', '-O', '-t', "yyyy-MM-dd'T'HH:mm:ss.SSSX", '-s', schema, '-o', out, json]);
}
