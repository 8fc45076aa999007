/**
 * The activity threads' code as one JavaScript file, built once per process at start-up with esbuild (which tsx
 * runs on): a thread that loads it boots about twice as fast as one resolving and transforming each TypeScript
 * module through tsx's loader. Packages stay external, loaded by Node from node_modules; each module keeps its own
 * import.meta.url. The code is split at its dynamic imports, so a thread loads only the chunks (and the packages
 * they import) of the kinds of job it runs: one file would import every package at the top, faker's locales and
 * every database driver in a model-check thread. The files live under node_modules/.cache, where those packages
 * resolve, in a directory named by their content hash. Until they are built, or when anything is in the way (no
 * esbuild, a read-only tree), threads load through tsx.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EsbuildPlugin {
  name: string;
  setup(build: { onLoad(options: { filter: RegExp }, cb: (args: { path: string }) => { contents: string; loader: 'ts' } | undefined): void }): void;
}
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ path: string; contents: Uint8Array }> }>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./activity-thread-entry.ts', import.meta.url));
const PROJECT_ROOT = path.resolve(path.dirname(ENTRY), '..', '..');
const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'datagen-threads');

/** Each source module's import.meta as it is unbundled, so paths computed from it do not move into the cache. */
const ownImportMeta: EsbuildPlugin = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const contents = source
        .replace(/\bimport\.meta\.url\b/g, url)
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

let building: Promise<string | null> | undefined;
let built: string | null = null;

/** The file URL of the bundled thread entry once prepareThreadBundle() has built it; null before or without it. */
export function threadBundleUrl(): string | null {
  return built;
}

/** Builds the bundle (once per process); resolves to its URL, or null when it cannot be built. */
export function prepareThreadBundle(): Promise<string | null> {
  building ??= build().then((url) => (built = url), () => null);
  return building;
}

async function build(): Promise<string> {
  const esbuild = createRequire(import.meta.resolve('tsx/package.json'))('esbuild') as Esbuild;
  const outdir = path.join(CACHE_DIR, 'out');
  const result = await esbuild.build({
    entryPoints: { entry: ENTRY }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node24',
    packages: 'external', outdir, outExtension: { '.js': '.mjs' }, write: false, logLevel: 'silent', plugins: [ownImportMeta],
  }).finally(() => esbuild.stop()); // its service process (27 MB) is not needed again; a later call restarts it
  const files = result.outputFiles.map((f) => ({ name: path.relative(outdir, f.path), contents: f.contents })).sort((x, y) => (x.name < y.name ? -1 : 1));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.contents);
  const dir = path.join(CACHE_DIR, `split-${hash.digest('hex').slice(0, 16)}`);
  const entry = pathToFileURL(path.join(dir, 'entry.mjs')).href;
  if (await access(dir).then(() => true, () => false)) return entry;
  const temp = `${dir}.${process.pid}.tmp`;
  await mkdir(temp, { recursive: true });
  await Promise.all(files.map((f) => writeFile(path.join(temp, f.name), f.contents)));
  // Whole or absent, whatever other processes do at the same time: one that renamed its copy first wins.
  await rename(temp, dir).catch(async (err: NodeJS.ErrnoException) => {
    await rm(temp, { recursive: true, force: true });
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
  });
  return entry;
}
