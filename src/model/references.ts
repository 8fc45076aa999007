/**
 * Cross-field rules of computed fields (pure): every `$col`, `${col}` and link names a field of the model;
 * a computed field may read any non-computed field but only computed fields defined before it (the original's
 * evaluation order: random fields first, then computed ones in model order); links read an attribute their
 * source offers.
 */
import { ModelError } from '../errors.js';
import { conditionColumns } from './conditions.js';
import { CITY_ATTRIBUTES } from './dictionaries/cities.js';
import type { ComputedLine, FieldSpec } from './field-spec.js';
import { rewriteFormula, templateColumns } from './placeholders.js';
import { didYouMean } from './suggest.js';

export const NAME_ATTRIBUTES = ['sex', 'male', 'female', 'unisex', 'name', 'last_name', 'full_name'] as const;

/** NAME fields some link reads a last name from: only those draw one. */
export function namesWithLastName(specs: FieldSpec[]): Set<string> {
  const out = new Set<string>();
  for (const s of specs) {
    for (const l of s.computed ?? []) if (l.kind === 'link' && (l.attribute === 'last_name' || l.attribute === 'full_name')) out.add(l.field);
  }
  return out;
}

function lineColumns(line: ComputedLine, isColumn: (n: string) => boolean): string[] {
  switch (line.kind) {
    case 'condition': return conditionColumns(line.condition);
    case 'injection': return templateColumns(line.template);
    case 'link': return [line.field];
    case 'formula': return rewriteFormula(line.source, isColumn).columns;
  }
}

function linePath(spec: FieldSpec, line: ComputedLine): string {
  if (spec.computed!.length === 1 && line.kind !== 'condition') return `${spec.path}.${line.kind}`;
  return `${spec.path}.conditionals[${JSON.stringify(line.kind === 'condition' ? line.line : line.kind)}]`;
}

export function checkReferences(specs: FieldSpec[]): void {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const names = specs.map((s) => s.name);
  for (const spec of specs) {
    for (const line of spec.computed ?? []) {
      const path = linePath(spec, line);
      let columns: string[];
      try {
        columns = lineColumns(line, (n) => byName.has(n) || line.kind !== 'formula');
      } catch (e) {
        const name = /\$\{(.*)\} names no column/.exec((e as Error).message)?.[1] ?? '';
        throw new ModelError(`field "${spec.name}": ${(e as Error).message}${didYouMean(name, names)}`, path);
      }
      for (const col of columns) {
        const target = byName.get(col);
        if (!target) throw new ModelError(`field "${spec.name}" refers to unknown column "${col}"${didYouMean(col, names)}`, path);
        if (target === spec) throw new ModelError(`field "${spec.name}" refers to itself`, path);
        if (target.computed && target.index > spec.index) {
          throw new ModelError(`field "${spec.name}" refers to computed field "${col}" defined after it; move "${col}" before "${spec.name}"`, path);
        }
      }
      if (line.kind === 'link') checkLink(spec, line, byName.get(line.field)!, path);
    }
  }
}

function checkLink(spec: FieldSpec, line: Extract<ComputedLine, { kind: 'link' }>, target: FieldSpec, path: string): void {
  const attrs: readonly string[] | undefined = target.type === 'CITY' ? CITY_ATTRIBUTES : target.type === 'NAME' ? NAME_ATTRIBUTES : undefined;
  if (!attrs && target.type !== 'CSV') throw new ModelError(`field "${spec.name}" links to "${target.name}" of type ${target.type}; links read CITY, NAME or CSV fields`, path);
  if (target.computed || target.possible) {
    throw new ModelError(`field "${spec.name}" links to "${target.name}", whose values come from ${target.computed ? 'a computation' : 'possible_values'}, not from a ${target.type} record`, path);
  }
  if (!attrs) return; // CSV columns are known once the file is read (compile)
  if (!attrs.includes(line.attribute)) {
    throw new ModelError(`${target.type} field "${target.name}" has no attribute "${line.attribute}"; available: ${attrs.join(', ')}${didYouMean(line.attribute, attrs)}`, path);
  }
}
