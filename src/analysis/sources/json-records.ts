/**
 * Records of JSON Lines text (one object per line, as the JSON sinks write), streamed line by line. A line that is
 * not a JSON object is an error naming its line number.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { BadRequestError } from '../../errors.js';
import type { Records } from '../record-source.js';

async function* lines(input: Readable, where: string): AsyncIterable<Record<string, unknown>> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of reader) {
      n++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new BadRequestError(`${where}: line ${n} is not JSON (${(e as Error).message}); JSON Lines are expected, one object per line`, { line: n });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequestError(`${where}: line ${n} is not a JSON object`, { line: n });
      yield value as Record<string, unknown>;
    }
  } finally {
    reader.close();
    input.destroy();
  }
}

export function jsonRecords(input: Readable, where: string): Records {
  return { records: lines(input, where) };
}
