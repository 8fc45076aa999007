/** The output columns of a model: its non-ghost fields in model order (what every sink writes). */
import type { Column, ModelDefinition } from './types.js';

export function outputColumns(model: ModelDefinition): Column[] {
  return model.fields.filter((f) => !f.ghost).map((f) => ({ name: f.name, type: f.type }));
}
