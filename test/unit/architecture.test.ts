/**
 * The import structure cannot regress: machines/ imports nothing from src/, the top-level folders of src/
 * (and machines/) import each other without a cycle, and no module imports itself through others.
 * Imports are read from the source text (static, re-exports, dynamic); only relative ones are project modules.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Module → the project modules it imports (paths relative to the repository, `.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles(path.join(ROOT, 'machines')), ...sourceFiles(path.join(ROOT, 'src'))]) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2] ?? m[3])
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
    graph.set(path.relative(ROOT, file), targets);
  }
  return graph;
}

/** machines/, or the top-level folder of src/ a module is in; undefined for a file directly in src/. */
function folderOf(module: string): string | undefined {
  const parts = module.split('/');
  if (parts[0] === 'machines') return 'machines';
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
}

/** The cycles of a directed graph (its strongly connected components of more than one node), each as a path. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One line per edge inside a cycle, so a failure names the imports to remove. */
function describe(found: string[][], edges: Map<string, Set<string>>, via: (from: string, to: string) => string[] = () => []): string {
  return found
    .map((c) => c.flatMap((a) => [...(edges.get(a) ?? [])].filter((b) => c.includes(b)).map((b) => `${a} → ${b}${via(a, b).length ? ` (${via(a, b).join(', ')})` : ''}`)).join('\n'))
    .join('\n\n');
}

const graph = importGraph();

test('machines/ imports nothing from src/', (t) => {
  const offending = [...graph].flatMap(([from, targets]) => (from.startsWith('machines/') ? targets.filter((to) => !to.startsWith('machines/')).map((to) => `${from} → ${to}`) : []));
  t.deepEqual(offending, []);
});

test('no two top-level folders of src/ (or machines/) import each other, directly or through others', (t) => {
  const edges = new Map<string, Set<string>>();
  const files = new Map<string, string[]>();
  for (const [from, targets] of graph) {
    const a = folderOf(from);
    for (const to of targets) {
      const b = folderOf(to);
      if (!a || !b || a === b) continue;
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
      files.set(`${a}|${b}`, [...(files.get(`${a}|${b}`) ?? []), `${path.basename(from)} → ${path.basename(to)}`]);
    }
  }
  const found = cycles(edges);
  t.deepEqual(found, [], describe(found, edges, (a, b) => files.get(`${a}|${b}`) ?? []));
});

test('no module imports itself through others', (t) => {
  const edges = new Map([...graph].map(([from, targets]) => [from, new Set(targets)]));
  const found = cycles(edges);
  t.deepEqual(found, [], describe(found, edges));
});

test('the import reader sees every form of import, and the cycle finder finds a cycle', (t) => {
  const text = `import a from './a.js';\nimport type { B } from "../b.js";\nexport * from './c.js';\nimport './d.js';\nconst e = await import('./e.js');\nimport x from 'xstate';`;
  t.deepEqual([...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]), ['./a.js', '../b.js', './c.js', './d.js', './e.js', 'xstate']);
  t.deepEqual(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]])), [['a', 'b', 'c']]);
});
