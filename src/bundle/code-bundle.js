/**
 * Builds TypeScript entry points into JavaScript with tsx's esbuild, split at dynamic imports so each process or
 * thread loads only the chunks (and the packages they import) it uses. Packages stay external, loaded by Node from
 * node_modules; each module keeps its own import.meta, so paths computed from it do not move. The files live under
 * node_modules/.cache/datagen-<name>, where those packages resolve, in a directory named by their content hash,
 * written whole or not at all whatever other processes do at the same time. Plain JavaScript: bin/datagen.js runs
 * it before anything can load TypeScript.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each source module's import.meta as it is unbundled. */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const contents = source
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Builds `entries` (output name → source path relative to the project) and resolves to each one's file URL.
 * Rejects when it cannot (no esbuild, a read-only tree): callers load the sources through tsx instead.
 */
export async function buildBundle(name, entries) {
  const esbuild = createRequire(import.meta.resolve('tsx/package.json'))('esbuild');
  const cacheDir = path.join(PROJECT_ROOT, 'node_modules', '.cache', `datagen-${name}`);
  const outdir = path.join(cacheDir, 'out');
  const entryPoints = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(PROJECT_ROOT, v)]));
  const result = await esbuild.build({
    entryPoints, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node24',
    packages: 'external', outdir, outExtension: { '.js': '.mjs' }, write: false, logLevel: 'silent', plugins: [ownImportMeta],
  }).finally(() => esbuild.stop()); // its service process (27 MB) is not needed again; a later call restarts it
  const files = result.outputFiles.map((f) => ({ name: path.relative(outdir, f.path), contents: f.contents })).sort((x, y) => (x.name < y.name ? -1 : 1));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.contents);
  const dir = path.join(cacheDir, `split-${hash.digest('hex').slice(0, 16)}`);
  const urls = Object.fromEntries(Object.keys(entries).map((k) => [k, pathToFileURL(path.join(dir, `${k}.mjs`)).href]));
  if (await access(dir).then(() => true, () => false)) return urls;
  const temp = `${dir}.${process.pid}.tmp`;
  await mkdir(temp, { recursive: true });
  await Promise.all(files.map((f) => writeFile(path.join(temp, f.name), f.contents)));
  // One that renamed its copy first wins; the copies are the same.
  await rename(temp, dir).catch(async (err) => {
    await rm(temp, { recursive: true, force: true });
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
  });
  return urls;
}
