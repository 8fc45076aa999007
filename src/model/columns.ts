/** The output columns of a model: its non-ghost fields in model order (what every sink writes). */
import { lifecycleColumns } from './lifecycle/change-columns.js';
import type { Column, ModelDefinition } from './types.js';

export function outputColumns(model: ModelDefinition): Column[] {
  const fields = model.fields.filter((f) => !f.ghost).map((f): Column => ({ name: f.name, type: f.type }));
  // A lifecycle model writes change events or entity states (src/model/lifecycle/).
  return model.lifecycle ? lifecycleColumns(model.lifecycle, fields) : fields;
}
