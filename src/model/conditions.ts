/**
 * Condition lines of `conditionals` (spec §4.4), with the original's defects fixed:
 *   line := or ;  or := and (('|' | '||' | 'OR') and)* ;  and := atom (('&' | '&&' | 'AND') atom)* ;
 *   atom := '(' or ')' | '$'column op operand ;  op := = == != ! < <= > >= ;
 *   operand := '$'column | "quoted text" | 'quoted text' | bare-text (no spaces)
 * AND binds tighter than OR, `<` is strict, spaces around operators are allowed, column names may hold digits.
 * Parsing is pure; compiling binds columns to row slots and returns a predicate over the row's values.
 */
import type { FieldType, Value } from './types.js';
import { valueText } from './value-text.js';

export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type Operand = { column: string } | { literal: string };
export type Condition =
  | { kind: 'or' | 'and'; terms: Condition[] }
  | { kind: 'cmp'; column: string; op: CompareOp; operand: Operand }
  | { kind: 'always' };

export class ConditionSyntaxError extends Error {}

const OPS: Array<[string, CompareOp]> = [['==', 'eq'], ['!=', 'ne'], ['<>', 'ne'], ['<=', 'le'], ['>=', 'ge'], ['=', 'eq'], ['!', 'ne'], ['<', 'lt'], ['>', 'gt']];
const NAME_STOP = /[\s=!<>()&|]/;

class Lexer {
  pos = 0;
  constructor(readonly text: string) {}
  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  done(): boolean {
    this.skip();
    return this.pos >= this.text.length;
  }
  peekWord(): string {
    this.skip();
    const m = /^(\|\||&&|\||&|\(|\)|(?:and|or)(?=[\s(]))/i.exec(this.text.slice(this.pos));
    return m ? m[1].toUpperCase() : '';
  }
  take(n: number): void {
    this.pos += n;
  }
  fail(what: string): never {
    throw new ConditionSyntaxError(`${what} at position ${this.pos + 1} of "${this.text}"`);
  }
  name(): string {
    this.skip();
    if (this.text[this.pos] !== '$') this.fail('expected $column');
    const start = ++this.pos;
    while (this.pos < this.text.length && !NAME_STOP.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) this.fail('expected a column name after $');
    return this.text.slice(start, this.pos);
  }
  op(): CompareOp {
    this.skip();
    for (const [sym, op] of OPS) if (this.text.startsWith(sym, this.pos)) { this.pos += sym.length; return op; }
    return this.fail('expected an operator (= != < <= > >=)');
  }
  operand(depth: number): Operand {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") {
      let out = '';
      for (let i = this.pos + 1; i < this.text.length; i++) {
        if (this.text[i] === '\\' && i + 1 < this.text.length) { out += this.text[++i]; continue; }
        if (this.text[i] === ch) { this.pos = i + 1; return { literal: out }; }
        out += this.text[i];
      }
      return this.fail('unterminated quoted value');
    }
    if (ch === '$') return { column: this.name() };
    const start = this.pos;
    while (this.pos < this.text.length && !/\s/.test(this.text[this.pos]) && !(depth > 0 && this.text[this.pos] === ')')) this.pos++;
    if (this.pos === start) this.fail('expected a value');
    return { literal: this.text.slice(start, this.pos) };
  }
}

function parseOr(lx: Lexer, depth: number): Condition {
  const terms = [parseAnd(lx, depth)];
  for (let w = lx.peekWord(); w === '|' || w === '||' || w === 'OR'; w = lx.peekWord()) {
    lx.take(w.length);
    terms.push(parseAnd(lx, depth));
  }
  return terms.length === 1 ? terms[0] : { kind: 'or', terms };
}

function parseAnd(lx: Lexer, depth: number): Condition {
  const terms = [parseAtom(lx, depth)];
  for (let w = lx.peekWord(); w === '&' || w === '&&' || w === 'AND'; w = lx.peekWord()) {
    lx.take(w.length);
    terms.push(parseAtom(lx, depth));
  }
  return terms.length === 1 ? terms[0] : { kind: 'and', terms };
}

function parseAtom(lx: Lexer, depth: number): Condition {
  if (lx.peekWord() === '(') {
    lx.take(1);
    const inner = parseOr(lx, depth + 1);
    if (lx.peekWord() !== ')') lx.fail("expected ')'");
    lx.take(1);
    return inner;
  }
  const column = lx.name();
  const op = lx.op();
  return { kind: 'cmp', column, op, operand: lx.operand(depth) };
}

/** Parses one condition line ("default" is always true). */
export function parseCondition(line: string): Condition {
  if (line.trim().toLowerCase() === 'default') return { kind: 'always' };
  const lx = new Lexer(line);
  const cond = parseOr(lx, 0);
  if (!lx.done()) lx.fail(`unexpected "${line.slice(lx.pos)}"`);
  return cond;
}

/** Every column a condition reads. */
export function conditionColumns(c: Condition): string[] {
  if (c.kind === 'always') return [];
  if (c.kind === 'cmp') return 'column' in c.operand ? [c.column, c.operand.column] : [c.column];
  return c.terms.flatMap(conditionColumns);
}

const NUMERIC_TYPES = new Set<FieldType>(['INTEGER', 'LONG', 'FLOAT', 'INCREMENT_INTEGER', 'INCREMENT_LONG', 'TIMESTAMP']);
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

export interface ColumnSlot {
  index: number;
  type: FieldType;
}

/** Three-way comparison of two values: numeric when both read as numbers, dates by time, else text. */
function compare(a: Value, b: Value, numeric: boolean): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  const ta = valueText(a);
  const tb = valueText(b);
  if (numeric || (NUMBER_TEXT.test(ta) && NUMBER_TEXT.test(tb))) {
    if (/^\s*-?\d+\s*$/.test(ta) && /^\s*-?\d+\s*$/.test(tb) && (ta.length > 15 || tb.length > 15)) {
      const x = BigInt(ta.trim()), y = BigInt(tb.trim());
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = Number(ta), y = Number(tb);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function textEquals(a: Value, b: Value): boolean {
  return valueText(a).trim().toLowerCase() === valueText(b).trim().toLowerCase();
}

/** A fast comparator against a constant: numbers compare as numbers, bigints exactly, else via compare(). */
function literalComparator(literal: string, numeric: boolean): (a: Value) => number {
  const num = Number(literal);
  const big = /^\s*-?\d+\s*$/.test(literal) ? BigInt(literal.trim()) : undefined;
  if (!numeric || Number.isNaN(num)) return (a) => compare(a, literal, numeric);
  return (a) => {
    if (typeof a === 'number') return a - num;
    if (typeof a === 'bigint' && big !== undefined) return a < big ? -1 : a > big ? 1 : 0;
    return compare(a, literal, true);
  };
}

/** Case-insensitive, trimmed text equality against a constant. */
function literalEquals(literal: string): (a: Value) => boolean {
  const lower = literal.trim().toLowerCase();
  return (a) => (typeof a === 'string' ? a === literal || a.trim().toLowerCase() === lower : valueText(a).trim().toLowerCase() === lower);
}

/** Binds a parsed condition to row slots. */
export function compileCondition(c: Condition, slot: (column: string) => ColumnSlot): (vals: Value[]) => boolean {
  if (c.kind === 'always') return () => true;
  if (c.kind !== 'cmp') {
    const terms = c.terms.map((t) => compileCondition(t, slot));
    return c.kind === 'or' ? (v) => terms.some((t) => t(v)) : (v) => terms.every((t) => t(v));
  }
  const left = slot(c.column);
  const l = left.index;
  if ('column' in c.operand) {
    const r = slot(c.operand.column).index;
    const numeric = NUMERIC_TYPES.has(left.type) && NUMERIC_TYPES.has(slot(c.operand.column).type);
    const cmp = (v: Value[]) => compare(v[l], v[r], numeric);
    return byOp(c.op, cmp, numeric ? undefined : (v) => textEquals(v[l], v[r]));
  }
  const literal = c.operand.literal;
  const numeric = NUMERIC_TYPES.has(left.type) && NUMBER_TEXT.test(literal);
  const cmp = literalComparator(literal, numeric);
  const eq = literalEquals(literal);
  return byOp(c.op, (v) => cmp(v[l]), numeric ? undefined : (v) => eq(v[l]));
}

function byOp(op: CompareOp, cmp: (v: Value[]) => number, textEq?: (v: Value[]) => boolean): (v: Value[]) => boolean {
  switch (op) {
    case 'eq': return textEq ?? ((v) => cmp(v) === 0);
    case 'ne': return textEq ? (v) => !textEq(v) : (v) => cmp(v) !== 0;
    case 'lt': return (v) => cmp(v) < 0;
    case 'le': return (v) => cmp(v) <= 0;
    case 'gt': return (v) => cmp(v) > 0;
    default: return (v) => cmp(v) >= 0;
  }
}
