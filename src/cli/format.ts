/** Small text formatters shared by the client commands' human output. */

/** "2026-11-28T15:00:38.123Z" → "2026-11-28 15:00:38"; empty for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A fixed-width text bar for a percentage given as text ("33.3"). */
export function textBar(progress: string, width = 20): string {
  const ratio = Math.min(1, Math.max(0, Number(progress) / 100 || 0));
  const full = Math.round(ratio * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}
