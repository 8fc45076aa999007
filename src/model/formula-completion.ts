/**
 * Turns a statement formula into a function body that returns the script's completion value, so it can be
 * compiled once instead of eval'd per row. Every expression statement outside nested functions becomes
 * `__c = (expr);`; every if/loop/switch/try statement first resets `__c` to undefined (their completion value
 * is undefined when no expression runs inside, ES2015+); `return __c` ends the body. Pure text rewriting on an
 * acorn AST; the result still runs only inside the sandbox. Returns undefined when the source does not parse,
 * and the caller falls back to eval.
 */
import { parse, type Node } from 'acorn';

type AnyNode = Node & Record<string, any>;

const COMPOUND = new Set(['IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement',
  'SwitchStatement', 'TryStatement', 'WithStatement']);

/** Statements directly inside a statement (not inside nested functions), in source order. */
function childStatements(n: AnyNode): AnyNode[] {
  switch (n.type) {
    case 'Program': case 'BlockStatement': return n.body;
    case 'IfStatement': return [n.consequent, n.alternate].filter(Boolean);
    case 'SwitchStatement': return n.cases.flatMap((c: AnyNode) => c.consequent);
    // A finally block that completes normally does not change the try statement's value: left as written.
    case 'TryStatement': return [n.block, n.handler?.body].filter(Boolean);
    case 'LabeledStatement': case 'ForStatement': case 'ForInStatement': case 'ForOfStatement':
    case 'WhileStatement': case 'DoWhileStatement': case 'WithStatement': return [n.body];
    default: return [];
  }
}

function rewriteInside(n: AnyNode, src: string): string {
  let out = '';
  let cursor = n.start;
  for (const child of childStatements(n)) {
    out += src.slice(cursor, child.start) + rewriteStatement(child, src, n.type === 'LabeledStatement');
    cursor = child.end;
  }
  return out + src.slice(cursor, n.end);
}

function rewriteStatement(n: AnyNode, src: string, labelled = false): string {
  if (n.type === 'ExpressionStatement') {
    return n.directive !== undefined ? src.slice(n.start, n.end) : `__c = (${src.slice(n.expression.start, n.expression.end)});`;
  }
  // A labelled loop must stay directly under its label (for `continue label`): the label statement is wrapped instead.
  if (n.type === 'LabeledStatement') return `{ __c = undefined; ${rewriteInside(n, src)} }`;
  if (COMPOUND.has(n.type)) return labelled ? rewriteInside(n, src) : `{ __c = undefined; ${rewriteInside(n, src)} }`;
  if (n.type === 'BlockStatement') return rewriteInside(n, src);
  return src.slice(n.start, n.end);
}

export function completionBody(code: string): string | undefined {
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as AnyNode;
  } catch {
    return undefined;
  }
  return `let __c;\n${rewriteInside(program, code)}\n;return __c;`;
}
