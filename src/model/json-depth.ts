/**
 * Nesting depth of JSON, measured without recursion. JSON.parse copes with any depth, but JSON.stringify, structured
 * clone (postMessage) and every recursive walk throw RangeError on a 100,000-deep document: depth is checked on
 * the text before parsing, or on the parsed value before anything recurses over it.
 */

/** The offset of the first bracket that nests deeper than `maxDepth` in a JSON text, or undefined. */
export function jsonTextTooDeepAt(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

/** Whether a parsed JSON value (arrays and plain objects) nests deeper than `maxDepth`. */
export function valueTooDeep(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
