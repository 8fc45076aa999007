/**
 * A local file to analyse, named by a request: only a regular file inside the directories a model may read
 * (readable-files.ts), never in a protected root, links resolved first (the confinement CSV fields use).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { asyncBufferFromFile, type AsyncBuffer } from 'hyparquet';
import { BadRequestError } from '../../errors.js';
import { confinedPath } from '../../model/csv-source.js';
import type { ReadableFiles } from '../../readable-files.js';
import type { RecordSource, Records } from '../record-source.js';
import { avroRecords } from './avro-records.js';
import { csvRecords } from './csv-records.js';
import { jsonRecords } from './json-records.js';
import { orcRecords } from './orc-records.js';
import { parquetRecords } from './parquet-records.js';

export const FILE_FORMATS = ['csv', 'json', 'avro', 'parquet', 'orc'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Records of a file's bytes in `format`: streams for the row formats, ranged reads for Parquet and ORC. */
export interface FileBytes {
  stream(): Readable;
  ranged(): Promise<AsyncBuffer>;
}

export function recordsOf(format: FileFormat, bytes: FileBytes, limit: number, where: string): Promise<Records> {
  switch (format) {
    case 'csv':
      return Promise.resolve(csvRecords(bytes.stream()));
    case 'json':
      return Promise.resolve(jsonRecords(bytes.stream(), where));
    case 'avro':
      return avroRecords(bytes.stream(), where);
    case 'parquet':
      return bytes.ranged().then((file) => parquetRecords(file, limit, where));
    case 'orc':
      return bytes.ranged().then((file) => orcRecords(file, limit, where));
  }
}

/** The model name a file gives: its base name without the extension. */
export function fileModelName(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '') || 'model';
}

export function localFileSource(format: FileFormat, file: string, access: ReadableFiles, param = 'filepath'): RecordSource {
  return {
    name: fileModelName(file),
    open: async (limit) => {
      const real = await confinedPath(file, access, param);
      if (!(await stat(real)).isFile()) throw new BadRequestError(`${param}: "${file}" is not a regular file`, { parameter: param });
      const bytes: FileBytes = { stream: () => createReadStream(real), ranged: () => asyncBufferFromFile(real) };
      return recordsOf(format, bytes, limit, `${param} "${file}"`);
    },
  };
}
