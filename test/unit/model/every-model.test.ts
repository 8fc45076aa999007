/**
 * Every model in models/ and in the shared reference models loads as written, compiles, and generates rows whose
 * every value (ghost fields included) respects its field's constraints, over two batches.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { timestampStep } from '../../../src/model/clock.js';
import { compileModel } from '../../../src/model/compile.js';
import { withoutFaults } from '../../../src/model/faults/fault-spec.js';
import { outputColumns } from '../../../src/model/columns.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { fieldSpecs, parseModelText } from '../../../src/model/parse.js';
import { checkValue, prepareChecks } from './field-checks.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OURS = path.join(ROOT, 'models');
const REFERENCE = path.resolve(ROOT, '../shared/reference-models');
const ROWS = 400;
const REFERENCE_TIME = Date.UTC(2026, 10, 28, 12, 0, 0);

test.before(prepareChecks);

function modelFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

async function checkModel(t: import('ava').ExecutionContext, file: string): Promise<void> {
  const model = await withParentsFrom(path.dirname(file))(parseModelText(readFileSync(file, 'utf8'), file));
  const specs = fieldSpecs(model);
  const step = timestampStep(model.options);
  // A lifecycle model's versions are its own rows: those are checked (its change rows hold them as images).
  const visible = { ...model, lifecycle: undefined, fields: model.fields.map((f) => ({ ...f, ghost: false })) };
  // Faults have their own tests (test/unit/model/faults/): here, the values the model makes are checked clean.
  const generator = await compileModel(withoutFaults(visible), { dataDirs: [OURS] });
  const problems: string[] = [];
  try {
    for (const batch of [0, 3]) {
      const rows = generator.generate(99, batch, ROWS, { referenceTime: REFERENCE_TIME });
      t.is(rows.length, ROWS);
      rows.forEach((row, r) => {
        for (const spec of specs) {
          const p = checkValue(spec, row[spec.name], { rowIndex: batch * ROWS + r, referenceTime: REFERENCE_TIME, step, row, specs });
          if (p && problems.length < 10) problems.push(`${spec.name} (row ${r}): ${p}`);
        }
      });
    }
  } finally {
    generator.dispose?.();
  }
  t.deepEqual(problems, [], path.basename(file));
  const output = await compileModel(model, { dataDirs: [OURS] });
  t.deepEqual(output.columns.map((c) => c.name), model.lifecycle ? outputColumns(model).map((c) => c.name) : model.fields.filter((f) => !f.ghost).map((f) => f.name), 'ghost fields are not output');
  if (model.lifecycle) t.true(output.generate(99, 0, ROWS, { referenceTime: REFERENCE_TIME }).length > 0, 'a lifecycle model writes rows');
  output.dispose?.();
}

for (const file of modelFiles(OURS)) {
  test(`models/${path.basename(file)} loads and generates valid rows`, (t) => checkModel(t, file));
}

if (existsSync(REFERENCE)) {
  for (const file of modelFiles(REFERENCE)) {
    test(`reference model ${path.basename(file)} loads and generates valid rows`, (t) => checkModel(t, file));
  }
} else {
  test('reference models', (t) => {
    // Without the shared folder, the project's own models are the whole check: there must be some.
    t.log(`skipped: ${REFERENCE} does not exist (the shared reference models are not on this machine)`);
    t.true(modelFiles(OURS).length > 0, `no models in ${OURS} to check either`);
  });
}
