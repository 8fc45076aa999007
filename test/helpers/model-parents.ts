/** A model of models/ with the parent models its foreign keys name, read from the same directory (as a submit resolves them). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseModelText } from '../../src/model/parse.js';
import { withParents } from '../../src/model/relations/parents.js';
import type { ModelDefinition } from '../../src/model/types.js';

export function withParentsFrom(dir: string): (model: ModelDefinition) => Promise<ModelDefinition> {
  return (model) => withParents(model, async (name) => parseModelText(await readFile(path.join(dir, `${name}.json`), 'utf8')));
}
