/**
 * Short, printable renderings of file content for error texts: a model may point a CSV field at any readable
 * file, so an error never echoes more than a few characters of it, and never control characters.
 */
const MAX_ITEM = 40;
const MAX_ITEMS = 12;
const MAX_TOTAL = 300;

/** `text` with control and non-printable characters replaced by "?", cut at `max` characters. */
export function excerpt(text: string, max = MAX_ITEM): string {
  const printable = [...text].map((ch) => (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\uFFFD]/u.test(ch) ? '?' : ch)).join('');
  const chars = [...printable];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : printable;
}

/** A comma-separated excerpt of `items` (e.g. a CSV header): at most a dozen, each and all of them bounded. */
export function listExcerpt(items: readonly string[]): string {
  const shown = items.slice(0, MAX_ITEMS).map((i) => excerpt(i)).join(', ');
  const more = items.length > MAX_ITEMS ? `, … ${items.length - MAX_ITEMS} more` : '';
  return excerpt(shown, MAX_TOTAL) + more;
}
