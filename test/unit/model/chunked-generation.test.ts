/**
 * Chunked generation: any range of a batch, generated apart, holds exactly the rows of the batch generated whole,
 * for every example model (formula fields included); and a batch of up to one row block draws from the batch's
 * PRNG alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { parseModelText } from '../../../src/model/parse.js';
import { ROW_BLOCK } from '../../../src/model/row-blocks.js';
import type { Row, RowGenerator } from '../../../src/model/types.js';
import { ROOT } from '../../helpers/service-process.js';

const ROWS = ROW_BLOCK + 3_000;
const NOW = Date.UTC(2026, 5, 1);

const collect = (g: RowGenerator, batch: number, firstRow: number, rows: number): Row[] => {
  const out: Row[] = [];
  for (const chunk of g.chunks(7, batch, ROWS, { firstRow, rows }, { referenceTime: NOW })) out.push(...chunk);
  return out;
};

const dir = path.join(ROOT, 'models');
for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
  test(`${file}: ranges generated apart equal the batch generated whole`, async (t) => {
    const g = await compileModel(await withParentsFrom(dir)(parseModelText(await readFile(path.join(dir, file), 'utf8'))), { dataDirs: [path.join(ROOT, 'models')] });
    try {
      const whole = g.generate(7, 3, ROWS, { referenceTime: NOW });
      t.is(whole.length, ROWS);
      t.deepEqual(collect(g, 3, ROW_BLOCK, ROWS - ROW_BLOCK), whole.slice(ROW_BLOCK), 'the second row block on its own');
      t.deepEqual(collect(g, 3, 0, ROW_BLOCK), whole.slice(0, ROW_BLOCK), 'the first row block on its own');
      t.deepEqual(collect(g, 3, 100, 50), whole.slice(100, 150), 'a range inside a block');
      t.notDeepEqual(g.generate(7, 4, 50, { referenceTime: NOW }), whole.slice(0, 50), 'another batch, other rows');
    } finally {
      g.dispose?.();
    }
  });
}
