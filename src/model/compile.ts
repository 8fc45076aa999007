/**
 * Compiles a model into a row generator. Interim engine: a handful of field types, enough for the pipeline;
 * the full engine replaces this file behind the same RowGenerator contract.
 */
import { ModelError } from '../errors.js';
import { batchPrng, type Prng } from './prng.js';
import type { Column, ModelDefinition, Row, RowGenerator, Value } from './types.js';

type FieldFn = (rng: Prng, rowIndex: number) => Value;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz';

export interface CompileEnv {
  /** Directories CSV-type fields may read files from. */
  dataDirs: string[];
}

export async function compileModel(model: ModelDefinition, _env: CompileEnv = { dataDirs: [] }): Promise<RowGenerator> {
  const fns = model.fields.map((f, i): { name: string; ghost: boolean; fn: (rng: Prng, base: number, r: number) => Value } => {
    const p = f.props as Record<string, any>;
    const possible: unknown[] | undefined = Array.isArray(p.possible_values) ? p.possible_values : undefined;
    const length = Number(p.length) > 0 ? Number(p.length) : 20;
    const min = p.min !== undefined ? Number(p.min) : 0;
    const max = p.max !== undefined ? Number(p.max) : 2147483647;
    const pick = (rng: Prng) => possible![rng.int(possible!.length)] as Value;
    switch (f.type) {
      case 'STRING':
      case 'STRING_AZ':
        return { name: f.name, ghost: f.ghost, fn: (rng) => (possible ? pick(rng) : randomString(rng, length)) };
      case 'INTEGER':
        return { name: f.name, ghost: f.ghost, fn: (rng) => (possible ? pick(rng) : min + rng.int(max - min + 1)) };
      case 'LONG':
        return { name: f.name, ghost: f.ghost, fn: (rng) => BigInt(min + rng.int(max - min + 1)) };
      case 'FLOAT':
        return { name: f.name, ghost: f.ghost, fn: (rng) => min + rng.next() * (max - min) };
      case 'BOOLEAN':
        return { name: f.name, ghost: f.ghost, fn: (rng) => rng.next() < 0.5 };
      case 'INCREMENT_INTEGER':
        return { name: f.name, ghost: f.ghost, fn: (_rng, base, r) => min + base + r };
      case 'UUID':
        return { name: f.name, ghost: f.ghost, fn: (rng) => uuid(rng) };
      case 'NAME':
        return { name: f.name, ghost: f.ghost, fn: (rng) => (possible ? pick(rng) : 'Name' + randomString(rng, 5)) };
      default:
        throw new ModelError(`type ${f.type} is not supported by this engine`, `Fields[${i}].type`);
    }
  });
  const columns: Column[] = model.fields.filter((f) => !f.ghost).map((f) => ({ name: f.name, type: f.type }));
  return {
    columns,
    generate(seed, batch, rows) {
      const rng = batchPrng(seed, batch);
      const out: Row[] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const row: Row = {};
        for (const f of fns) {
          const v = f.fn(rng, batch * rows, r);
          if (!f.ghost) row[f.name] = v;
        }
        out[r] = row;
      }
      return out;
    },
  };
}

function randomString(rng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[rng.int(ALNUM.length)];
  return s;
}

function uuid(rng: Prng): string {
  const h = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 32; i++) {
    let d = rng.int(16);
    if (i === 12) d = 4;
    if (i === 16) d = (d & 3) | 8;
    s += h[d];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}
