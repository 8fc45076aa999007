/**
 * Builds output rows from the values array. An object literal with constant keys is much faster to create
 * and to JSON.stringify than keyed stores in a loop, so the builder is generated once per model. Safety: the
 * only model-controlled text in the generated source is each column name, emitted through JSON.stringify,
 * which always yields a closed, fully escaped string literal; everything else is indices we produce.
 */
import type { Row, Value } from './types.js';

export type RowBuilder = (vals: Value[]) => Row;

export function rowBuilder(names: string[], indices: number[]): RowBuilder {
  if (names.length > 2000) {
    return (vals) => {
      const row: Row = {};
      for (let k = 0; k < names.length; k++) row[names[k]] = vals[indices[k]];
      return row;
    };
  }
  const body = names.map((n, k) => `${JSON.stringify(n)}: v[${indices[k] | 0}]`).join(', ');
  return new Function('v', `'use strict'; return { ${body} };`) as RowBuilder;
}
