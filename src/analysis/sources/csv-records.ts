/** Records of CSV text (RFC 4180, first line the header), streamed: only the records asked for are parsed. */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Records } from '../record-source.js';

export function csvRecords(input: Readable, separator = ','): Records {
  const parser = input.pipe(parse({ bom: true, columns: true, delimiter: separator, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }));
  // The parser stops when the consumer does: the source's stream is closed with it.
  parser.on('close', () => input.destroy());
  return { records: parser as AsyncIterable<Record<string, unknown>> };
}
