import test from 'ava';
import { compileCondition, parseCondition, ConditionSyntaxError, type ColumnSlot } from '../../../src/model/conditions.js';
import type { FieldType, Value } from '../../../src/model/types.js';

/** Evaluates a line against named values of given types. */
function evaluate(line: string, values: Record<string, [FieldType, Value]>): boolean {
  const names = Object.keys(values);
  const slot = (n: string): ColumnSlot => {
    const i = names.indexOf(n);
    if (i < 0) throw new Error(`no column ${n}`);
    return { index: i, type: values[n][0] };
  };
  return compileCondition(parseCondition(line), slot)(names.map((n) => values[n][1]));
}

const bools = (a: boolean, b: boolean, c: boolean) => ({ a: ['BOOLEAN', a] as [FieldType, Value], b: ['BOOLEAN', b] as [FieldType, Value], c: ['BOOLEAN', c] as [FieldType, Value] });
const TRUTH = [false, true];

test('AND binds tighter than OR: A | B & C = A | (B & C); A & B | C = (A & B) | C', (t) => {
  for (const a of TRUTH) for (const b of TRUTH) for (const c of TRUTH) {
    const v = bools(a, b, c);
    t.is(evaluate('$a=true | $b=true & $c=true', v), a || (b && c), `A|B&C with ${a} ${b} ${c}`);
    t.is(evaluate('$a=true & $b=true | $c=true', v), (a && b) || c, `A&B|C with ${a} ${b} ${c}`);
    t.is(evaluate('$a=true | $b=true', v), a || b, `A|B with ${a} ${b}`);
    t.is(evaluate('$a=true & $b=true & $c=true', v), a && b && c);
    t.is(evaluate('$a=true || $b=true && $c=true', v), a || (b && c), 'doubled operators');
    t.is(evaluate('$a=true OR $b=true AND $c=true', v), a || (b && c), 'word operators');
    t.is(evaluate('($a=true | $b=true) & $c=true', v), (a || b) && c, 'parentheses');
  }
});

test('the original\'s broken OR cases now follow boolean logic', (t) => {
  // The original returned A for "A | B" and A & B for "A & B | C".
  t.true(evaluate('$a=true | $b=true', bools(false, true, false)));
  t.true(evaluate('$a=true & $b=true | $c=true', bools(false, false, true)));
});

test('< is strict and <= exists, for every numeric type', (t) => {
  const cases: Array<[FieldType, Value, Value]> = [
    ['INTEGER', 20, 21], ['LONG', 20n, 21n], ['FLOAT', 20, 20.5], ['INCREMENT_INTEGER', 20, 21], ['INCREMENT_LONG', 20n, 21n], ['TIMESTAMP', 1700000000000, 1700000000001],
  ];
  for (const [type, v, above] of cases) {
    const lit = String(v);
    t.false(evaluate(`$x<${lit}`, { x: [type, v] }), `${type} < itself`);
    t.true(evaluate(`$x<=${lit}`, { x: [type, v] }), `${type} <= itself`);
    t.false(evaluate(`$x>${lit}`, { x: [type, v] }), `${type} > itself`);
    t.true(evaluate(`$x>=${lit}`, { x: [type, v] }), `${type} >= itself`);
    t.true(evaluate(`$x>${lit}`, { x: [type, above] }), `${type} above`);
    t.true(evaluate(`$x<${String(above)}`, { x: [type, v] }), `${type} below`);
    t.true(evaluate(`$x=${lit}`, { x: [type, v] }), `${type} equal`);
    t.true(evaluate(`$x!=${String(above)}`, { x: [type, v] }), `${type} not equal`);
  }
});

test('numeric comparison is numeric, not lexicographic (the original compared INCREMENT and TIMESTAMP as text)', (t) => {
  t.true(evaluate('$x>9', { x: ['INCREMENT_INTEGER', 10] }));
  t.true(evaluate('$x<100', { x: ['TIMESTAMP', 99] }));
  t.true(evaluate('$x>-5', { x: ['INTEGER', 3] }));
  t.true(evaluate('$x=2.50', { x: ['FLOAT', 2.5] }));
  t.true(evaluate('$x>9223372036854775806', { x: ['LONG', 9223372036854775807n] }), 'bigint precision kept');
  t.false(evaluate('$x>9223372036854775807', { x: ['LONG', 9223372036854775807n] }));
});

test('column against column', (t) => {
  t.true(evaluate('$a<$b', { a: ['INTEGER', 5], b: ['INTEGER', 12] }));
  t.false(evaluate('$a>$b', { a: ['INTEGER', 5], b: ['INTEGER', 12] }));
  t.true(evaluate('$a=$b', { a: ['STRING', 'North'], b: ['STRING', 'NORTH'] }));
});

test('= and ! / != compare text case-insensitively and trimmed, like the original', (t) => {
  const v = { w: ['STRING', ' North '] as [FieldType, Value] };
  t.true(evaluate('$w=NORTH', v));
  t.true(evaluate('$w==north', v));
  t.false(evaluate('$w!NORTH', v));
  t.false(evaluate('$w!=NORTH', v));
  t.true(evaluate('$w!SOUTH', v));
});

test('spaces around operators and quoted values with spaces', (t) => {
  const v = { e: ['STRING', 'VERY URGENT'] as [FieldType, Value], n: ['INTEGER', 80] as [FieldType, Value] };
  t.true(evaluate('$e = "VERY URGENT" & $n >= 80', v));
  t.true(evaluate("$e='very urgent'", v));
  t.false(evaluate('$e="URGENT"', v));
});

test('column names with digits and hyphens work', (t) => {
  t.true(evaluate('$wind_force_9_am>80 & $store-id=3', { wind_force_9_am: ['INTEGER', 81], 'store-id': ['INTEGER', 3] }));
});

test('strings compare lexicographically with < and >', (t) => {
  t.true(evaluate('$s<b', { s: ['STRING', 'a'] }));
  t.false(evaluate('$s>b', { s: ['STRING', 'a'] }));
});

test('default is always true', (t) => {
  t.true(evaluate('default', {}));
  t.true(evaluate(' DEFAULT ', {}));
});

test('syntax errors say where', (t) => {
  for (const line of ['$a', '$a=1 &', 'a=1', '$a=1 $b=2', '($a=1', '$a="open', '$=1']) {
    t.throws(() => parseCondition(line), { instanceOf: ConditionSyntaxError }, line);
  }
  t.regex(t.throws(() => parseCondition('$a=1 ^ $b=2'))!.message, /position 6/);
});
