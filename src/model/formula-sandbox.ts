/**
 * Formulas are untrusted JavaScript: they run inside QuickJS (WebAssembly), one runtime per compiled model,
 * with a memory limit, a stack limit and a per-call deadline enforced by the interrupt handler. Nothing of the
 * host is exposed: the context holds only QuickJS's standard library plus the helpers defined below, and values
 * cross the boundary as strings. Date.now() and new Date() read the command's reference time and Math.random
 * is seeded per row, so formulas stay deterministic.
 */
import { completionBody } from './formula-completion.js';
import { newQuickJSWASMModule, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten';

export interface SandboxLimits {
  /** Wall-clock budget of one formula call. */
  timeoutMs: number;
  memoryBytes: number;
  stackBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024, stackBytes: 512 * 1024 };

/** Separates row values in the one string handed to the sandbox per call. */
export const VALUE_SEPARATOR = '\u0001';

/**
 * A fresh WebAssembly instance per sandbox (≈ 20 ms, once per compiled model): QuickJS aborts the whole instance
 * on some internal failures (e.g. freeing a runtime after a stack overflow leaked objects), and an abort must
 * not take other models' formulas with it.
 */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModule();
}

const PRELUDE = `
(() => {
  let a = 1, b = 2, c = 3, d = 4;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Seeding costs a few microseconds in the interpreter: done only when a row's formula calls Math.random.
  let pending;
  Math.random = () => {
    if (pending !== undefined) {
      a = 0x9e3779b9; b = pending | 0; c = 0x243f6a88; d = 1; pending = undefined;
      for (let i = 0; i < 8; i++) next();
    }
    return next();
  };
  globalThis.__seedRandom = (s) => { pending = s; };
  const RealDate = Date;
  let now = 0;
  globalThis.__setNow = (t) => { now = t; };
  const FixedDate = new Proxy(RealDate, {
    construct(target, args) { return args.length ? new target(...args) : new target(now); },
    apply() { return new RealDate(now).toString(); },
  });
  RealDate.now = () => now;
  globalThis.Date = FixedDate;
  globalThis.__lit = (s) => {
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (s !== '' && s.trim() === s && Number.isFinite(Number(s))) return Number(s);
    return s;
  };
})();
`;

/** Separates rows in a batch call. */
const ROW_SEPARATOR = '\u0002';

/** Wraps a row function into one that maps a batch of rows to a JSON array of results. */
const BATCH_FACTORY = `(function (f) {
  return function (rows) {
    const rs = rows.split(${JSON.stringify(ROW_SEPARATOR)});
    const out = new Array(rs.length);
    for (let i = 0; i < rs.length; i++) {
      const v = f(rs[i]);
      out[i] = typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    }
    return JSON.stringify(out);
  };
})`;

export class FormulaError extends Error {}

/** One sandbox: a runtime and a context holding the compiled formulas of one model. */
export class FormulaSandbox {
  private readonly runtime: QuickJSRuntime;
  private readonly ctx: QuickJSContext;
  private readonly setNow: QuickJSHandle;
  private readonly functions: QuickJSHandle[] = [];
  private deadline = Infinity;
  private disposed = false;

  constructor(quickjs: QuickJSWASMModule, readonly limits: SandboxLimits = DEFAULT_LIMITS) {
    this.runtime = quickjs.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.runtime.setInterruptHandler(() => Date.now() > this.deadline);
    this.ctx = this.runtime.newContext();
    this.evalOrThrow(PRELUDE).dispose();
    this.setNow = this.ctx.getProp(this.ctx.global, '__setNow');
  }

  private evalOrThrow(code: string, options: { compileOnly?: boolean } = {}): QuickJSHandle {
    this.deadline = Date.now() + this.limits.timeoutMs;
    const result = this.ctx.evalCode(code, 'formula.js', options);
    this.deadline = Infinity;
    if (result.error) {
      const message = this.errorText(result.error);
      result.error.dispose();
      throw new FormulaError(message);
    }
    return result.value;
  }

  private errorText(handle: QuickJSHandle): string {
    const err = this.ctx.dump(handle) as { name?: string; message?: string } | string;
    if (typeof err === 'object' && err) {
      if (err.name === 'InternalError' && /interrupted/i.test(err.message ?? '')) return `took longer than ${this.limits.timeoutMs} ms (interrupted)`;
      return `${err.name ?? 'Error'}: ${err.message ?? ''}`.trim();
    }
    return String(err);
  }

  /**
   * Compiles a rewritten formula (see rewriteFormula) once. An expression becomes a function returning it;
   * statements keep the original's "value of the last statement" semantics (see formula-completion.ts).
   */
  compile(code: string): (texts: string, seed: number) => unknown {
    const fn = this.compileRowFunction(code);
    return (texts, seed) => this.call(fn, texts, seed);
  }

  /**
   * Like compile, for many rows per call: one boundary crossing per chunk instead of per row. The deadline
   * applies to each call, so a chunk of rows shares one time budget.
   */
  compileBatch(code: string): (rows: Array<{ texts: string; seed: number }>) => unknown[] {
    const fn = this.compileRowFunction(code);
    const factory = this.evalOrThrow(BATCH_FACTORY);
    const made = this.ctx.callFunction(factory, this.ctx.undefined, fn);
    factory.dispose();
    if (made.error) {
      const message = this.errorText(made.error);
      made.error.dispose();
      throw new FormulaError(message);
    }
    const batch = made.value;
    this.functions.push(batch);
    return (rows) => {
      let joined = '';
      for (let i = 0; i < rows.length; i++) joined += (i ? ROW_SEPARATOR : '') + rows[i].seed + VALUE_SEPARATOR + rows[i].texts;
      return JSON.parse(this.callRaw(batch, joined) as string) as unknown[];
    };
  }

  private compileRowFunction(code: string): QuickJSHandle {
    // The row's seed travels as the first value: one string crosses the boundary per call.
    const header = `const __t = __row.split(${JSON.stringify(VALUE_SEPARATOR)}); __seedRandom(Number(__t.shift()));`;
    let fn: QuickJSHandle;
    try {
      fn = this.evalOrThrow(`(function (__row) { ${header} return (\n${code}\n); })`);
    } catch {
      // Not an expression: check the statements compile, so a syntax error shows now rather than on the first row.
      this.evalOrThrow(code, { compileOnly: true }).dispose();
      fn = this.compileStatements(code, header);
    }
    this.functions.push(fn);
    return fn;
  }

  /** Statements, compiled once with their completion value returned; eval per call if the rewrite fails. */
  private compileStatements(code: string, header: string): QuickJSHandle {
    const body = completionBody(code);
    if (body !== undefined) {
      try {
        return this.evalOrThrow(`(function (__row) { ${header}\n${body}\n})`);
      } catch {
        // fall through to eval
      }
    }
    return this.evalOrThrow(`(function (__row) { ${header} return eval(${JSON.stringify(code)}); })`);
  }

  private call(fn: QuickJSHandle, texts: string, seed: number): unknown {
    return this.callRaw(fn, seed + VALUE_SEPARATOR + texts);
  }

  private callRaw(fn: QuickJSHandle, arg: string): unknown {
    if (this.disposed) throw new FormulaError('the formula sandbox was disposed');
    let result: ReturnType<QuickJSContext['callFunction']>;
    try {
      const row = this.ctx.newString(arg);
      this.deadline = Date.now() + this.limits.timeoutMs;
      result = this.ctx.callFunction(fn, this.ctx.undefined, row);
      this.deadline = Infinity;
      row.dispose();
    } catch (e) {
      // The WebAssembly instance aborted: nothing more can run in it.
      this.deadline = Infinity;
      throw new FormulaError(`the sandbox aborted (${(e as Error).message.split('.')[0]})`);
    }
    if (result.error) {
      const message = this.errorText(result.error);
      result.error.dispose();
      throw new FormulaError(message);
    }
    const t = this.ctx.typeof(result.value);
    const v = t === 'number' ? this.ctx.getNumber(result.value) : t === 'string' ? this.ctx.getString(result.value) : this.ctx.dump(result.value);
    result.value.dispose();
    return v;
  }

  /** The instant Date.now() and new Date() return inside formulas. */
  setReferenceTime(ms: number): void {
    const t = this.ctx.newNumber(ms);
    const r = this.ctx.callFunction(this.setNow, this.ctx.undefined, t);
    t.dispose();
    if (r.error) r.error.dispose();
    else r.value.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      for (const fn of this.functions) fn.dispose();
      this.setNow.dispose();
      this.ctx.dispose();
      this.runtime.dispose();
    } catch {
      // QuickJS can abort its instance while freeing after a failed formula; the instance is private to this
      // sandbox and is garbage-collected with it.
    }
  }
}
