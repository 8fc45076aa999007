/** The snapshot version follows the fold's code: any module it imports at run time, and nothing else. */
import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { foldSources, foldVersion } from '../../../src/snapshot/fold-version.js';

test('a change to the fold or to a module it imports gives another version; a type-only import or an unrelated file does not', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fold-version-'));
  try {
    const write = (name: string, text: string) => writeFile(path.join(dir, name), text);
    await write('fold.ts', "import type { T } from './types.js';\nimport {\n  helper,\n} from './helper.js';\nexport * from './more.js';\nexport const fold = (t: T) => helper(t);\n");
    await write('helper.ts', 'export const helper = (x: unknown) => x;\n');
    await write('more.ts', 'export const more = 1;\n');
    await write('types.ts', 'export type T = number;\n');
    await write('unrelated.ts', 'export const u = 1;\n');
    const version = () => foldVersion([pathToFileURL(path.join(dir, 'fold.ts')).href]);
    const first = version();
    t.regex(first ?? '', /^\d+-[0-9a-f]{32}$/);
    t.is(version(), first, 'stable');
    await write('types.ts', 'export type T = string;\n');
    await write('unrelated.ts', 'export const u = 2;\n');
    t.is(version(), first);
    await write('helper.ts', 'export const helper = (x: unknown) => [x];\n');
    const second = version();
    t.not(second, first);
    await write('more.ts', 'export const more = 2;\n');
    t.not(version(), second);
    await rm(path.join(dir, 'helper.ts'));
    t.is(version(), undefined, 'a source it cannot read: no version, so no snapshot');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the read model\'s and the orchestrator\'s versions cover the machines, the folds and the snapshot encodings', (t) => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const sources = (file: string) => (foldSources([pathToFileURL(path.join(root, file)).href]) ?? []).map((f) => path.relative(root, f));
  const readModel = sources('src/projection/projector.ts');
  for (const f of ['machines/command.machine.ts', 'machines/schedule.machine.ts', 'src/command/fold.ts', 'src/schedule/schedule-state.ts', 'src/projection/read-model.ts', 'src/projection/status-view.ts', 'src/projection/read-model-snapshot.ts']) {
    t.true(readModel.includes(f), f);
  }
  const orchestrator = sources('src/orchestrator/orchestrator-snapshots.ts');
  for (const f of ['machines/command.machine.ts', 'machines/batch.machine.ts', 'src/command/command-state.ts', 'src/command/batch-book.ts', 'src/snapshot/state-codec.ts']) {
    t.true(orchestrator.includes(f), f);
  }
});
