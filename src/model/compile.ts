/**
 * Compiles a model once into a row generator: every field becomes a closure over precomputed tables and a seeded
 * PRNG. Rows are a pure function of (model, seed, batch, rows, referenceTime), but for the wall clock's instants
 * when asked for one (clock.ts): random fields are drawn in model
 * order, then computed fields in model order (the original's order), from one PRNG per row block of the batch
 * (row-blocks.ts), a chunk of rows at a time (chunk-rows.ts).
 */
import { ModelError } from '../errors.js';
import { loadCsv, type CsvTable } from './csv-source.js';
import { loadCities } from './dictionaries/cities.js';
import type { FieldSpec } from './field-spec.js';
import { castText } from './fields/cast.js';
import { computedGenerator, formulaColumn, isFormulaColumn } from './fields/computed.js';
import { csvGenerator } from './fields/csv.js';
import { numberGenerator } from './fields/numbers.js';
import { peopleGenerator } from './fields/people.js';
import { cityGenerator } from './fields/places.js';
import type { FieldGen, RowState } from './fields/runtime.js';
import { temporalGenerator } from './fields/temporal.js';
import { textGenerator } from './fields/text.js';
import { DEFAULT_LIMITS, FormulaSandbox, loadQuickJS, type SandboxLimits } from './formula-sandbox.js';
import { fieldSpecs } from './parse.js';
import { chunkRowsOf } from './chunk-rows.js';
import { rowClock, timestampStep, type RowClock } from './clock.js';
import { blockPrng, type Prng } from './prng.js';
import { ROW_BLOCK } from './row-blocks.js';
import { checkReferences, namesWithLastName } from './references.js';
import type { Column, GenerateOptions, ModelDefinition, Row, RowGenerator, RowRange, Value } from './types.js';
import { weightedIndex } from './weighted.js';
import { rowBuilder, type RowBuilder } from './row-builder.js';
import { readModelFaults } from './faults/fault-spec.js';
import { faultInjector } from './faults/inject.js';
import { foreignKeys } from './relations/foreign-key.js';
import { lifecycleGenerator } from './lifecycle/lifecycle-generator.js';

export interface CompileEnv {
  /** Directories CSV-type fields may read files from. */
  dataDirs: string[];
  /** Paths below them that are never read (the NATS store, the users file), on the real path: src/protected-paths.ts. */
  protectedRoots?: string[];
  /** Limits of the formula sandbox (default: 1 s per call, 32 MB, 512 KB stack). */
  formulaLimits?: Partial<SandboxLimits>;
  /** How deep in a chain of parent models this compile is (relations/): a parent is compiled one level deeper. */
  relationDepth?: number;
}

function possibleGenerator(spec: FieldSpec): FieldGen {
  const values: Value[] = spec.possible!.map((p, k) => {
    try {
      return castText(spec.type, p.text);
    } catch (e) {
      throw new ModelError(`${(e as Error).message} for type ${spec.type}`, `${spec.path}.possible_values[${k}]`);
    }
  });
  const index = weightedIndex(spec.possible!.map((p) => p.weight));
  if (values.length === 1) return () => values[0];
  return (st) => values[index.pick(st.rng)];
}

interface Resources {
  cities?: Awaited<ReturnType<typeof loadCities>>;
  csvTables: Map<number, CsvTable>;
  sandbox?: FormulaSandbox;
  foreignKeys?: Awaited<ReturnType<typeof foreignKeys>>;
}

async function loadResources(specs: FieldSpec[], env: CompileEnv, model: ModelDefinition): Promise<Resources> {
  const res: Resources = { csvTables: new Map() };
  if (specs.some((s) => s.references)) {
    // A parent is compiled with the same parents at hand (a chain), one level deeper.
    const depth = env.relationDepth ?? 0;
    const compileParent = (m: ModelDefinition) => compileModel({ ...m, parents: model.parents }, { ...env, relationDepth: depth + 1 });
    res.foreignKeys = await foreignKeys(specs, model.parents ?? {}, compileParent, depth);
  }
  if (specs.some((s) => s.type === 'CITY' && !s.computed && !s.possible)) res.cities = await loadCities();
  for (const s of specs) {
    if (s.type === 'CSV' && !s.computed && !s.possible) res.csvTables.set(s.index, await loadCsv(s.file!, s.separator, { dataDirs: env.dataDirs, protectedRoots: env.protectedRoots ?? [] }, `${s.path}.file`));
  }
  if (specs.some((s) => s.computed?.some((l) => l.kind === 'formula'))) {
    res.sandbox = new FormulaSandbox(await loadQuickJS(), { ...DEFAULT_LIMITS, ...env.formulaLimits });
  }
  return res;
}

function randomGenerator(spec: FieldSpec, res: Resources, lastNamed: Set<string>): FieldGen {
  if (spec.references) return res.foreignKeys!.byIndex.get(spec.index)!.gen;
  if (spec.possible) return possibleGenerator(spec);
  if (spec.type === 'CITY') return cityGenerator(spec, res.cities!);
  if (spec.type === 'CSV') return csvGenerator(spec, res.csvTables.get(spec.index)!);
  if (spec.type === 'LINK') return () => '';
  const gen = textGenerator(spec) ?? numberGenerator(spec) ?? temporalGenerator(spec) ?? peopleGenerator(spec, lastNamed.has(spec.name));
  if (!gen) throw new ModelError(`type ${spec.type} cannot be generated`, `${spec.path}.type`);
  return gen;
}

/** A field filled row by row, or a formula field filled for all rows of the batch at once. */
type RowStep = { slot: number; gen: FieldGen };
type Step = RowStep | { column: (all: Value[][], rng: Prng) => void };
type Produce = (rng: Prng, base: number, rows: number, now: number, clock: RowClock) => Row[];

/** The common case: every field row by row, one values array reused. */
function rowByRow(steps: RowStep[], n: number, build: RowBuilder): Produce {
  const gens = steps.map((s) => s.gen);
  const slots = steps.map((s) => s.slot);
  return (rng, base, rows, now, clock) => {
    const st: RowState = { rng, vals: new Array<Value>(n).fill(null), recs: new Array(n), row: 0, now, clock };
    const out: Row[] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      st.row = base + r;
      const vals = st.vals;
      for (let k = 0; k < gens.length; k++) vals[slots[k]] = gens[k](st);
      out[r] = build(vals);
    }
    return out;
  };
}

/** Consecutive row-by-row steps grouped between formula columns. */
function segments(steps: Step[]): Array<RowStep[] | Extract<Step, { column: unknown }>> {
  const out: Array<RowStep[] | Extract<Step, { column: unknown }>> = [];
  for (const step of steps) {
    if ('column' in step) out.push(step);
    else if (Array.isArray(out[out.length - 1])) (out[out.length - 1] as RowStep[]).push(step);
    else out.push([step]);
  }
  return out;
}

/** Models with formulas: values kept per row so formula fields can be computed a chunk of rows per sandbox call. */
function bySegments(parts: ReturnType<typeof segments>, n: number, build: RowBuilder): Produce {
  return (rng, base, rows, now, clock) => {
    const all: Value[][] = Array.from({ length: rows }, () => new Array<Value>(n).fill(null));
    const recs: unknown[][] = Array.from({ length: rows }, () => new Array(n));
    const st: RowState = { rng, vals: all[0] ?? [], recs: recs[0] ?? [], row: 0, now, clock };
    for (const part of parts) {
      if (!Array.isArray(part)) {
        part.column(all, rng);
        continue;
      }
      for (let r = 0; r < rows; r++) {
        st.row = base + r;
        st.vals = all[r];
        st.recs = recs[r];
        for (const step of part) st.vals[step.slot] = step.gen(st);
      }
    }
    return all.map(build);
  };
}

const finalizer = new FinalizationRegistry<FormulaSandbox>((sandbox) => sandbox.dispose());

export async function compileModel(model: ModelDefinition, env: CompileEnv = { dataDirs: [] }): Promise<RowGenerator> {
  if (model.lifecycle) {
    // Each version's values come from the model's own rows (src/model/lifecycle/).
    const { lifecycle, ...base } = model;
    return lifecycleGenerator(lifecycle, await compileModel(base, env));
  }
  const specs = fieldSpecs(model);
  checkReferences(specs);
  const step = timestampStep(model.options);
  const res = await loadResources(specs, env, model);
  try {
    const byName = new Map(specs.map((s) => [s.name, s]));
    const ctx = { specs, byName, sandbox: res.sandbox, csvTables: res.csvTables };
    // Evaluation order: random fields, then computed fields, each in model order.
    const order = [...specs.filter((s) => !s.computed), ...specs.filter((s) => s.computed)];
    const lastNamed = namesWithLastName(specs);
    const steps = order.map((s): Step => {
      if (isFormulaColumn(s)) return { column: formulaColumn(s, ctx) };
      return { slot: s.index, gen: s.computed ? computedGenerator(s, ctx) : randomGenerator(s, res, lastNamed) };
    });
    const outputs = specs.filter((s) => !s.ghost);
    const build = rowBuilder(outputs.map((s) => s.name), outputs.map((s) => s.index));
    const columns: Column[] = outputs.map((s) => ({ name: s.name, type: s.type }));
    const produce = steps.some((s) => 'column' in s) ? bySegments(segments(steps), specs.length, build) : rowByRow(steps as RowStep[], specs.length, build);
    const chunkRows = chunkRowsOf(specs);
    const faults = readModelFaults(model, specs);
    const inject = faults && faultInjector(faults);
    /** Each row block from its own PRNG, a chunk of at most chunkRows rows at a time; rows before the range are drawn and dropped. */
    function* chunks(seed: number, batch: number, rowsPerBatch: number, range: RowRange, options?: GenerateOptions): Generator<Row[]> {
      const now = options?.referenceTime ?? Date.now();
      const clock = options?.clock ?? rowClock(now, step, options?.wallClock === true);
      const end = Math.min(rowsPerBatch, range.firstRow + range.rows);
      const base = batch * rowsPerBatch;
      for (let block = Math.floor(range.firstRow / ROW_BLOCK); block * ROW_BLOCK < end; block++) {
        const rng = blockPrng(seed, batch, block);
        const blockEnd = Math.min(end, (block + 1) * ROW_BLOCK);
        for (let from = block * ROW_BLOCK; from < blockEnd; from += chunkRows) {
          const to = Math.min(blockEnd, from + chunkRows);
          // A rate-controlled command's formulas read the instant of the chunk's first row, as its TIMESTAMPs do.
          res.sandbox?.setReferenceTime(options?.clock ? options.clock(base + from) : now);
          const rows = produce(rng, base + from, to - from, now, clock);
          if (to <= range.firstRow) continue;
          // Faults of the whole chunk (a duplicate repeats a row of it), counted for the rows of the range only.
          inject?.(rows, base + from, { seed, typed: options?.typedOutput === true, countFrom: range.firstRow - from, counts: options?.faultCounts });
          yield from < range.firstRow ? rows.slice(range.firstRow - from) : rows;
        }
      }
    }
    const llmColumns = outputs.filter((s) => s.llm).map((s) => ({ name: s.name, path: s.path, spec: s.llm! }));
    const generator: RowGenerator = {
      columns,
      chunkRows,
      ...(llmColumns.length ? { llmColumns } : {}),
      chunks,
      generate(seed: number, batch: number, rows: number, options?: GenerateOptions): Row[] {
        const out: Row[] = [];
        for (const chunk of chunks(seed, batch, rows, { firstRow: 0, rows }, options)) for (const row of chunk) out.push(row);
        return out;
      },
      dispose() {
        if (res.sandbox) finalizer.unregister(generator);
        res.sandbox?.dispose();
        res.foreignKeys?.dispose();
      },
    };
    if (res.sandbox) finalizer.register(generator, res.sandbox, generator);
    return generator;
  } catch (e) {
    res.sandbox?.dispose();
    res.foreignKeys?.dispose();
    throw e;
  }
}
