/**
 * `${column}` placeholders in injections and formulas. Any column name works, digits and hyphens included
 * (the original's pattern `[a-zA-Z_-]*` silently left names with digits unreplaced).
 */

export type TemplatePart = string | { column: string };

const PLACEHOLDER = /\$\{([^{}]+)\}/g;

/** Splits a template into literal text and column references. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index! > last) parts.push(text.slice(last, m.index));
    parts.push({ column: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function templateColumns(text: string): string[] {
  return parseTemplate(text).flatMap((p) => (typeof p === 'string' ? [] : [p.column]));
}

/**
 * Rewrites a formula's placeholders into references to the row's text values `__t[i]` (i = position in
 * `columns`), knowing where each sits in the JavaScript: inside a quoted string the text is spliced into the
 * string (as the original's textual substitution did); inside a template literal it becomes `${__t[i]}`;
 * in code it becomes `__lit(__t[i])`, the literal the text reads as (number, boolean, else string).
 * `${...}` in a template literal that names no column is left to JavaScript.
 */
export function rewriteFormula(src: string, isColumn: (name: string) => boolean): { code: string; columns: string[] } {
  const columns: string[] = [];
  const ref = (name: string) => {
    let i = columns.indexOf(name);
    if (i < 0) i = columns.push(name) - 1;
    return `__t[${i}]`;
  };
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += src.slice(i, stop);
      i = stop;
    } else if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      const pieces: string[] = [];
      let chunk = '';
      let spliced = false;
      while (j < src.length && src[j] !== ch && src[j] !== '\n') {
        if (src[j] === '\\') { chunk += src.slice(j, j + 2); j += 2; continue; }
        const m = src[j] === '$' ? /^\$\{([^{}]+)\}/.exec(src.slice(j)) : null;
        if (m && isColumn(m[1])) {
          pieces.push(ch + chunk + ch, ref(m[1]));
          chunk = '';
          spliced = true;
          j += m[0].length;
          continue;
        }
        chunk += src[j++];
      }
      pieces.push(ch + chunk + ch);
      out += spliced ? '(' + pieces.join(' + ') + ')' : pieces.join('');
      i = j + 1;
    } else if (ch === '`') {
      let j = i + 1;
      out += '`';
      while (j < src.length && src[j] !== '`') {
        if (src[j] === '\\') { out += src.slice(j, j + 2); j += 2; continue; }
        const m = src[j] === '$' ? /^\$\{([^{}]+)\}/.exec(src.slice(j)) : null;
        if (m && isColumn(m[1])) { out += '${' + ref(m[1]) + '}'; j += m[0].length; continue; }
        out += src[j++];
      }
      out += '`';
      i = j + 1;
    } else if (ch === '$' && src[i + 1] === '{') {
      const m = /^\$\{([^{}]+)\}/.exec(src.slice(i));
      if (!m) { out += ch; i++; continue; }
      if (!isColumn(m[1])) throw new Error(`\${${m[1]}} names no column of the model`);
      out += `__lit(${ref(m[1])})`;
      i += m[0].length;
    } else {
      out += ch;
      i++;
    }
  }
  return { code: out, columns };
}
