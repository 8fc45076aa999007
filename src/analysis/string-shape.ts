/**
 * The STRING_REGEX pattern of a text whose form is fixed (codes such as "AB-1234"): each run of digits, upper-case or
 * lower-case letters becomes a class `[0-9]{n}`, `[A-Z]{n}`, `[a-z]{n}`, other characters stay literal. A column
 * has a shape when every sampled text has the same one. Pure.
 */

const CLASSES: Array<[RegExp, string]> = [[/[0-9]/, '[0-9]'], [/[A-Z]/, '[A-Z]'], [/[a-z]/, '[a-z]']];
/** Literal characters the mini-language (src/model/string-regex.ts) could read as the start or end of a class. */
const UNSAFE_LITERAL = /[[\]{}]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

interface Run {
  cls: string;
  count: number;
}

/** The runs of `text`, or undefined when it holds characters a pattern should not carry (non-ASCII, brackets). */
function runsOf(text: string): Run[] | undefined {
  if (!PRINTABLE_ASCII.test(text) || UNSAFE_LITERAL.test(text)) return undefined;
  const runs: Run[] = [];
  for (const ch of text) {
    const cls = CLASSES.find(([re]) => re.test(ch))?.[1] ?? ch;
    const last = runs[runs.length - 1];
    if (last && last.cls === cls && cls.startsWith('[')) last.count++;
    else runs.push({ cls, count: 1 });
  }
  return runs;
}

function patternOf(runs: Run[]): string {
  return runs.map((r) => (r.cls.startsWith('[') ? `${r.cls}{${r.count}}` : r.cls)).join('');
}

/**
 * The one pattern every text of `sample` has, if they share one with some structure (a literal, or two classes at
 * least: a single class would only say "random letters of one length", which STRING says as well).
 */
export function commonShape(sample: readonly string[]): string | undefined {
  let shape: string | undefined;
  let structured = false;
  for (const text of sample) {
    const runs = runsOf(text);
    if (!runs) return undefined;
    const p = patternOf(runs);
    if (shape === undefined) {
      shape = p;
      structured = runs.length >= 2;
    } else if (p !== shape) return undefined;
  }
  return structured ? shape : undefined;
}
