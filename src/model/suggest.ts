/** "Did you mean" suggestions for misspelt keys and names. */

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Up to three candidates close to `word` (case-insensitive), best first. */
export function closest(word: string, candidates: readonly string[]): string[] {
  const w = word.toUpperCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return candidates
    .map((c) => ({ c, d: distance(w, c.toUpperCase()) }))
    .filter((x) => x.d <= limit || x.c.toUpperCase().includes(w) || (w.length > 3 && w.includes(x.c.toUpperCase())))
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map((x) => x.c);
}

/** " (did you mean A or B?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c.length ? ` (did you mean ${c.join(' or ')}?)` : '';
}
