/** "Did you mean" suggestions for misspelt keys and names. */

/** Optimal-string-alignment distance: edits, with a swap of adjacent letters counting as one. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to three candidates close to `word` (case-insensitive), best first. */
export function closest(word: string, candidates: readonly string[]): string[] {
  const w = word.toUpperCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  const near = candidates
    .map((c) => ({ c, d: distance(w, c.toUpperCase()) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d);
  // Only the best and near-best: one obvious fix beats a list.
  return near.filter((x) => x.d <= near[0].d + 1).slice(0, 3).map((x) => x.c);
}

/** " (did you mean A or B?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c.length ? ` (did you mean ${c.join(' or ')}?)` : '';
}
