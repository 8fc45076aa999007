/**
 * Reading a Kudu table back for tests, with the kudu CLI (not the bridge the sink writes through): `kudu table
 * scan` prints each row as `(type name=value, ...)`, strings and binaries quoted with C escapes (\" \' \\ \n
 * \xNN); `kudu table describe` prints the schema.
 */
import { kuduCli } from './kudu.js';

export interface KuduCell {
  type: string;
  /** Strings decoded as UTF-8, binaries as bytes, everything else as printed (numbers, bools, timestamps). */
  value: string | Buffer | null;
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92, '0': 0 };

/** One scanned row: column name → its type and value. */
export function parseScanLine(line: string): Record<string, KuduCell> {
  const row: Record<string, KuduCell> = {};
  let i = 1; // past "("
  while (i < line.length && line[i] !== ')') {
    const space = line.indexOf(' ', i);
    const type = line.slice(i, space);
    const eq = line.indexOf('=', space);
    const name = line.slice(space + 1, eq);
    i = eq + 1;
    let value: string | Buffer | null;
    if (line[i] === '"') {
      const bytes: number[] = [];
      i++;
      while (line[i] !== '"') {
        if (line[i] === '\\') {
          const c = line[i + 1]!;
          if (c === 'x') {
            bytes.push(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
          } else {
            bytes.push(ESCAPES[c] ?? c.charCodeAt(0));
            i += 2;
          }
        } else {
          const cp = line.codePointAt(i)!;
          bytes.push(...Buffer.from(String.fromCodePoint(cp)));
          i += cp > 0xffff ? 2 : 1;
        }
      }
      i++;
      value = type === 'binary' ? Buffer.from(bytes) : Buffer.from(bytes).toString('utf8');
    } else {
      let end = line.indexOf(', ', i);
      if (end < 0) end = line.lastIndexOf(')');
      const text = line.slice(i, end);
      value = text === 'NULL' ? null : text;
      i = end;
    }
    row[name] = { type, value };
    if (line.startsWith(', ', i)) i += 2;
  }
  return row;
}

/** Every row of `table`, parsed. */
export async function kuduRows(masters: string, table: string): Promise<Array<Record<string, KuduCell>>> {
  const out = await kuduCli(['table', 'scan', masters, table]);
  return out.split('\n').filter((l) => l.startsWith('(')).map(parseScanLine);
}

/** The table names of the cluster. */
export async function kuduTables(masters: string): Promise<string[]> {
  return (await kuduCli(['table', 'list', masters])).split('\n').map((s) => s.trim()).filter(Boolean);
}

/** `kudu table describe`'s text: the schema (with each column's type), the partitioning and the replication. */
export function kuduDescribe(masters: string, table: string): Promise<string> {
  return kuduCli(['table', 'describe', masters, table]);
}
