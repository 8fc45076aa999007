/** Plain-text tables with aligned columns (ANSI colours do not count towards widths). */

const ANSI = /\x1b\[[0-9;]*m/g;

function width(text: string): number {
  return text.replace(ANSI, '').length;
}

export function formatTable(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(widths[i] - width(c));
        return rightAligned.includes(i) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
