/** Statement formulas compiled once must return what eval (the original's semantics) returns. */
import test from 'ava';
import { completionBody } from '../../../src/model/formula-completion.js';
import { FormulaSandbox, loadQuickJS } from '../../../src/model/formula-sandbox.js';

const SNIPPETS = [
  'if( true == true) { \n10.0 \n} else {\nswitch("GOLD") {\n case "PLATINUM": \n   factor = 5.2\n   break;\n case "GOLD": \n   factor = 3.5\n   break;\n default:\n  factor = 1.0\n}\nfactor * 2\n}',
  'if( false == true) { \n10.0 \n} else {\nswitch("GOLD") {\n case "PLATINUM": \n   factor = 5.2\n   break;\n case "GOLD": \n   factor = 3.5\n   break;\n default:\n  factor = 1.0\n}\nfactor * 2\n}',
  'var factor=1\nvar base=41234\nvar additional=0\nif ( "female" == "female") {\nfactor-=0.1\n}\nswitch("SKILLED") {\ncase "SKILLED": \nfactor+=0.5\nbreak;\ndefault:\nfactor+=0.1\n}\nMath.round((base + additional)*factor)\n\n',
  '1; if (false) {}',
  '1; if (true) { 2 } else { 3 }',
  'var x = 0; for (var i = 0; i < 3; i++) { x += i }',
  'var s = 0; outer: for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) { if (j == 1) continue outer; s += j } } s',
  "switch (2) { case 1: 'a'; break; case 2: 'b'; break; }",
  "try { throw 1 } catch (e) { 'caught' } finally { 'fin' }",
  "try { 'body' } finally { 'fin' }",
  'do { 5 } while (false)',
  'function f() { 7 } f(); 8',
  'function f() { return 9 } f()',
  "'use strict'; 4",
  'let a = 2; a * 3',
  'x = 5; while (false) {}',
  '{ 1 } ; var z = 3',
  'if (true) 3; else 4;',
  'label: { 5; break label; }',
  'for (const k of [1, 2, 3]) k * 10',
  'var o = {a: 1}; for (var k in o) k',
  'var t = 0; if (true) if (false) 1; else t = 2',
  '[1, 2].map(function (v) { v * 2; return v * 3 }).join("-")',
  'var n = 0\nwhile (n < 5) n++\n',
];

test('completion-value rewriting agrees with eval', async (t) => {
  const sandbox = new FormulaSandbox(await loadQuickJS());
  try {
    for (const src of SNIPPETS) {
      t.not(completionBody(src), undefined, src);
      const compiled = sandbox.compile(src)('', 1);
      const evaluated = sandbox.compile(`eval(${JSON.stringify(src)})`)('', 1);
      t.deepEqual(compiled, evaluated, src);
    }
  } finally {
    sandbox.dispose();
  }
});

test('sources that do not parse are left to eval', (t) => {
  t.is(completionBody('var = ;'), undefined);
});
