/**
 * Computed fields: the lines of `conditionals` (or one shorthand: formula, injection, link) tried in order;
 * the first that applies gives the value. When none applies, text types get "" and others null (the original
 * failed the command casting "" to a number).
 */
import { ModelError } from '../../errors.js';
import { compileCondition } from '../conditions.js';
import type { CsvTable } from '../csv-source.js';
import { cityAttributeReader } from '../dictionaries/cities.js';
import type { ComputedLine, FieldSpec } from '../field-spec.js';
import { VALUE_SEPARATOR, type FormulaSandbox } from '../formula-sandbox.js';
import { answerMark } from '../llm-chained-prompts.js';
import { parseTemplate, rewriteFormula } from '../placeholders.js';
import type { Value } from '../types.js';
import { valueText } from '../value-text.js';
import { castResult, castText, isTextType } from './cast.js';
import { csvColumn } from './csv.js';
import type { PersonName } from './people.js';
import type { FieldGen, RowState } from './runtime.js';
import type { Prng } from '../prng.js';

export interface ComputeContext {
  specs: FieldSpec[];
  byName: Map<string, FieldSpec>;
  sandbox?: FormulaSandbox;
  csvTables: Map<number, CsvTable>;
}

/** A line: whether it applies to the row, and its value. */
interface Line {
  applies: (vals: Value[]) => boolean;
  value: (st: RowState) => Value;
}

function where(spec: FieldSpec, line: ComputedLine): string {
  if (spec.computed!.length === 1 && line.kind !== 'condition') return `${spec.path}.${line.kind}`;
  return `${spec.path}.conditionals[${JSON.stringify(line.kind === 'condition' ? line.line : line.kind)}]`;
}

function cast(spec: FieldSpec, text: string, path: string): Value {
  try {
    return castText(spec.type, text);
  } catch (e) {
    throw new ModelError(`field "${spec.name}": ${(e as Error).message} for type ${spec.type}`, path);
  }
}

function nameAttribute(n: PersonName, attr: string): string {
  switch (attr) {
    case 'sex': return n.sex === 'unisex' ? 'UNKNOWN' : n.sex.toUpperCase();
    case 'name': return n.name;
    case 'last_name': return n.last ?? '';
    case 'full_name': return n.last ? `${n.name} ${n.last}` : n.name;
    default: return String(n.sex === attr);
  }
}

function linkLine(spec: FieldSpec, line: Extract<ComputedLine, { kind: 'link' }>, ctx: ComputeContext, path: string): Line['value'] {
  const target = ctx.byName.get(line.field)!;
  const i = target.index;
  const text = spec.type === 'LINK' || isTextType(spec.type);
  const out = (s: string): Value => (text ? s : s === '' ? null : cast(spec, s, path));
  const attr = line.attribute;
  if (target.type === 'CITY') {
    const read = cityAttributeReader(attr);
    // The CITY field keeps the index of the city it drew (none when it took a value of its own).
    if (text) return (st) => { const c = st.recs[i]; return typeof c === 'number' ? read(c) : ''; };
    return (st) => { const c = st.recs[i]; return out(typeof c === 'number' ? read(c) : ''); };
  }
  if (target.type === 'NAME') return (st) => { const n = st.recs[i] as PersonName | undefined; return out(n ? nameAttribute(n, attr) : ''); };
  const column = csvColumn(ctx.csvTables.get(i)!, attr, path);
  return (st) => { const r = st.recs[i] as string[] | undefined; return out(r?.[column] ?? ''); };
}

function formulaLine(spec: FieldSpec, source: string, ctx: ComputeContext, path: string): Line['value'] {
  const { code, columns } = rewriteFormula(source, (n) => ctx.byName.has(n));
  const idx = columns.map((c) => ctx.byName.get(c)!.index);
  let fn: ReturnType<FormulaSandbox['compile']>;
  try {
    fn = ctx.sandbox!.compile(code);
  } catch (e) {
    throw new ModelError(`formula of field "${spec.name}" does not compile: ${(e as Error).message}`, path);
  }
  return (st) => {
    let texts = '';
    for (let k = 0; k < idx.length; k++) texts += (k ? VALUE_SEPARATOR : '') + valueText(st.vals[idx[k]]);
    try {
      return castResult(spec.type, fn(texts, st.rng.u32()));
    } catch (e) {
      throw new ModelError(`formula of field "${spec.name}" failed: ${(e as Error).message}`, path);
    }
  };
}

/** A field whose only line is a formula: evaluated a chunk of rows per sandbox call (see formulaColumn). */
export function isFormulaColumn(spec: FieldSpec): boolean {
  return spec.computed?.length === 1 && spec.computed[0].kind === 'formula';
}

/** Rows per sandbox call: they share the call's time budget. */
export const FORMULA_CHUNK = 256;

/** Fills one formula field for every row of a batch, a chunk of rows per sandbox call. */
export function formulaColumn(spec: FieldSpec, ctx: ComputeContext): (all: Value[][], rng: Prng) => void {
  const line = spec.computed![0] as Extract<ComputedLine, { kind: 'formula' }>;
  const path = where(spec, line);
  const { code, columns } = rewriteFormula(line.source, (n) => ctx.byName.has(n));
  const idx = columns.map((c) => ctx.byName.get(c)!.index);
  let run: ReturnType<FormulaSandbox['compileBatch']>;
  try {
    run = ctx.sandbox!.compileBatch(code);
  } catch (e) {
    throw new ModelError(`formula of field "${spec.name}" does not compile: ${(e as Error).message}`, path);
  }
  const target = spec.index;
  return (all, rng) => {
    for (let from = 0; from < all.length; from += FORMULA_CHUNK) {
      const to = Math.min(all.length, from + FORMULA_CHUNK);
      const chunk: Array<{ texts: string; seed: number }> = [];
      for (let r = from; r < to; r++) {
        const vals = all[r];
        let texts = '';
        for (let k = 0; k < idx.length; k++) texts += (k ? VALUE_SEPARATOR : '') + valueText(vals[idx[k]]);
        chunk.push({ texts, seed: rng.u32() });
      }
      try {
        const results = run(chunk);
        for (let r = from; r < to; r++) all[r][target] = castResult(spec.type, results[r - from]);
      } catch (e) {
        throw new ModelError(`formula of field "${spec.name}" failed: ${(e as Error).message}`, path);
      }
    }
  };
}

function injectionLine(spec: FieldSpec, template: string, ctx: ComputeContext, path: string): Line['value'] {
  // An LLM field's request naming another answered LLM field gets a mark, filled with that answer (chained-prompts.ts).
  const answered = (ref: FieldSpec) => spec.llm && ref.llm && !ref.ghost && ref !== spec;
  const parts = parseTemplate(template).map((p) => {
    if (typeof p === 'string') return p;
    const ref = ctx.byName.get(p.column)!;
    return answered(ref) ? answerMark(ref.name) : ref.index;
  });
  const textual = isTextType(spec.type);
  return (st) => {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : valueText(st.vals[p]);
    return textual ? s : cast(spec, s, path);
  };
}

function buildLine(spec: FieldSpec, line: ComputedLine, ctx: ComputeContext): Line {
  const path = where(spec, line);
  const always = () => true;
  switch (line.kind) {
    case 'condition': {
      const slot = (name: string) => { const s = ctx.byName.get(name)!; return { index: s.index, type: s.type }; };
      const result = cast(spec, line.result, path);
      return { applies: compileCondition(line.condition, slot), value: () => result };
    }
    case 'formula': return { applies: always, value: formulaLine(spec, line.source, ctx, path) };
    case 'injection': return { applies: always, value: injectionLine(spec, line.template, ctx, path) };
    case 'link': return { applies: always, value: linkLine(spec, line, ctx, path) };
  }
}

export function computedGenerator(spec: FieldSpec, ctx: ComputeContext): FieldGen {
  const lines = spec.computed!.map((l) => buildLine(spec, l, ctx));
  const none: Value = isTextType(spec.type) ? '' : null;
  if (lines.length === 1 && spec.computed![0].kind !== 'condition') return lines[0].value;
  return (st) => {
    for (const line of lines) if (line.applies(st.vals)) return line.value(st);
    return none;
  };
}
