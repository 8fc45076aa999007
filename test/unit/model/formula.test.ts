import test from 'ava';
import { ModelError } from '../../../src/errors.js';
import { compileModel } from '../../../src/model/compile.js';
import { parseModel } from '../../../src/model/parse.js';
import { rewriteFormula } from '../../../src/model/placeholders.js';
import type { Row } from '../../../src/model/types.js';

/** Formulas meant to finish get a budget no machine load reaches; those meant to run forever a short one. */
const env = { dataDirs: [], formulaLimits: { timeoutMs: 10_000 } };
const shortBudget = { dataDirs: [], formulaLimits: { timeoutMs: 300 } };

async function rows(fields: unknown[], n = 5, seed = 1): Promise<Row[]> {
  const g = await compileModel(parseModel({ Fields: fields }), env);
  try {
    return g.generate(seed, 0, n, { referenceTime: 1_700_000_000_000 });
  } finally {
    g.dispose?.();
  }
}

async function formulaValue(formula: string, type = 'STRING'): Promise<unknown> {
  return (await rows([{ name: 'f', type, formula }], 1))[0].f;
}

async function formulaError(formula: string, compileEnv = env): Promise<ModelError> {
  const g = await compileModel(parseModel({ Fields: [{ name: 'n', type: 'INTEGER', min: 1, max: 9 }, { name: 'danger', type: 'STRING', formula }] }), compileEnv);
  try {
    g.generate(1, 0, 1);
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  } finally {
    g.dispose?.();
  }
  throw new Error('the formula did not fail');
}

test('expression formulas with ${col}, including names with digits', async (t) => {
  const out = await rows([{ name: 'starting_hour_1', type: 'INTEGER', min: 0, max: 16 }, { name: 'finished', type: 'INTEGER', conditionals: { formula: '${starting_hour_1} + 8' } }], 50);
  for (const r of out) t.is(r.finished, (r.starting_hour_1 as number) + 8);
});

test('statement formulas return the value of the last statement (the original\'s semantics)', async (t) => {
  const formula = 'if( ${vip} == true) { \n10.0 \n} else {\nswitch("${m}") {\n case "GOLD": factor = 3.5; break;\n default: factor = 1.0\n}\nfactor * 2\n}';
  const out = await rows([{ name: 'vip', type: 'BOOLEAN' }, { name: 'm', type: 'STRING', possible_values: ['GOLD', 'BRONZE'] }, { name: 'rate', type: 'FLOAT', formula }], 60);
  for (const r of out) t.is(r.rate, r.vip ? 10 : r.m === 'GOLD' ? 7 : 2);
  t.true(out.some((r) => r.vip) && out.some((r) => !r.vip));
});

test('a formula line among condition lines runs only when reached', async (t) => {
  const out = await rows([{ name: 'n', type: 'INTEGER', min: 0, max: 9 }, { name: 'f', type: 'INTEGER', conditionals: { '$n>5': '100', formula: '${n} * 2' } }], 200);
  for (const r of out) t.is(r.f, (r.n as number) > 5 ? 100 : (r.n as number) * 2);
});

test('formula fields over many rows (chunked sandbox calls) match row by row evaluation', async (t) => {
  const out = await rows([{ name: 'n', type: 'INTEGER', min: 0, max: 1000 }, { name: 'sq', type: 'LONG', formula: '${n} * ${n}' }, { name: 'label', type: 'STRING', formula: '"n" + (${sq} % 7)' }], 1000);
  for (const r of out) {
    t.is(r.sq, BigInt((r.n as number) ** 2));
    t.is(r.label, `n${Number(r.sq) % 7}`);
  }
});

test('placeholders in strings are spliced as text, in code they read as literals', async (t) => {
  const out = await rows([{ name: 'n', type: 'INTEGER', min: 10, max: 10 }, { name: 's', type: 'STRING', formula: '"v=${n}".length + ${n}' }], 1);
  t.is(out[0].s, String('v=10'.length + 10));
  t.is(await formulaValue('`x${1+1}`'), 'x2', 'JS template interpolation that names no column is left to JavaScript');
});

test('rewriteFormula rewrites by context', (t) => {
  const { code, columns } = rewriteFormula('${a} + "${b}!" + `${a}` // ${c}', (n) => ['a', 'b'].includes(n));
  t.deepEqual(columns, ['a', 'b']);
  t.is(code, '__lit(__t[0]) + ("" + __t[1] + "!") + `${__t[0]}` // ${c}');
});

test('results are cast to the field type', async (t) => {
  t.is(await formulaValue('41.9', 'INTEGER'), 41);
  t.is(await formulaValue('"12"', 'LONG'), 12n);
  t.is(await formulaValue('1 > 0', 'BOOLEAN'), true);
  t.is(await formulaValue('1.5 * 2', 'FLOAT'), 3);
  t.is(await formulaValue('"2020-02-03T04:05:06Z"', 'DATE').then((d) => (d as Date).toISOString()), '2020-02-03T04:05:06.000Z');
  t.is(await formulaValue('undefined', 'INTEGER'), null);
});

test('nothing of the host is reachable', async (t) => {
  const probe = '[typeof process, typeof require, typeof module, typeof fetch, typeof std, typeof os, typeof setTimeout, typeof globalThis.Buffer, typeof import.meta].join(",")';
  await t.throwsAsync(() => formulaError(probe), { message: /does not compile: SyntaxError/ }, 'import.meta outside a module is a syntax error');
  t.is(await formulaValue('[typeof process, typeof require, typeof module, typeof fetch, typeof std, typeof os, typeof setTimeout, typeof Buffer].join(",")'),
    'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined');
  t.is(await formulaValue('(function(){ return typeof this.process })()'), 'undefined');
  t.is(await formulaValue('Object.getOwnPropertyNames(globalThis).filter(k => /process|require|std|os|fs/.test(k)).join(",")'), '');
  const e = await formulaError('this.constructor.constructor("return process")().exit(1)');
  t.regex(e.message, /danger.*process.? is not defined/);
});

test('dynamic import and eval cannot reach the host either', async (t) => {
  const e = await formulaError('import("node:fs").then(fs => fs.readFileSync("/etc/passwd")); new Function("return require")()("fs")');
  t.regex(e.message, /formula of field "danger" failed/);
});

test('an endless loop is interrupted and fails naming the field', async (t) => {
  const e = await formulaError('while (true) {}', shortBudget);
  t.is(e.path, 'Fields[1].formula');
  t.regex(e.message, /formula of field "danger" failed: took longer than 300 ms \(interrupted\)/);
});

test('memory exhaustion fails cleanly naming the field', async (t) => {
  const e = await formulaError('let a = []; while (true) a.push({ x: a.length, y: "padding" + a.length })', shortBudget);
  t.regex(e.message, /formula of field "danger" failed: .*(out of memory|interrupted)/);
});

test('deep recursion fails cleanly', async (t) => {
  const e = await formulaError('function f(n) { return f(n + 1) + 1 } f(0)');
  t.regex(e.message, /formula of field "danger" failed: .*(stack|recursion|interrupted)/i);
});

test('a formula with a syntax error is refused at compile time, naming the field', async (t) => {
  const e = await t.throwsAsync(() => compileModel(parseModel({ Fields: [{ name: 'broken', type: 'INTEGER', formula: 'var x = ;\n x' }] }), env), { instanceOf: ModelError });
  t.is(e!.path, 'Fields[0].formula');
  t.regex(e!.message, /formula of field "broken" does not compile: SyntaxError/);
});

test('a throwing formula fails naming the field and its message', async (t) => {
  const e = await formulaError('throw new Error("boom ${n}")');
  t.regex(e.message, /formula of field "danger" failed: Error: boom \d/);
  t.is(e.status, 400);
});

test('Math.random is seeded and Date.now is the reference time: formulas are deterministic', async (t) => {
  const fields = [{ name: 'r', type: 'FLOAT', formula: 'Math.random()' }, { name: 'now', type: 'TIMESTAMP', formula: 'Date.now()' }, { name: 'd', type: 'STRING', formula: 'new Date().toISOString()' }];
  const a = await rows(fields, 20, 5);
  const b = await rows(fields, 20, 5);
  t.deepEqual(a, b);
  t.is(new Set(a.map((r) => r.r)).size, 20);
  t.is(a[0].now, 1_700_000_000_000);
  t.is(a[0].d, new Date(1_700_000_000_000).toISOString());
});

test('a sandbox keeps working after a failed call', async (t) => {
  const g = await compileModel(parseModel({ Fields: [{ name: 'n', type: 'INTEGER', min: 0, max: 1 }, { name: 'f', type: 'INTEGER', formula: 'if (${n} == 1) { while (true) {} } else { 7 }' }] }), shortBudget);
  let failures = 0;
  let ok = 0;
  for (let b = 0; b < 6; b++) {
    try {
      ok += g.generate(1, b, 1).filter((r) => r.f === 7).length;
    } catch {
      failures++;
    }
  }
  g.dispose?.();
  t.true(failures > 0 && ok > 0, `${failures} failures, ${ok} good rows`);
});
