/** The local-file sinks: every file format on the service's file system (json, csv, avro, parquet, orc). */
import type { Sink } from '../types.js';
import { avroFormat } from './avro.js';
import { csvFormat } from './csv.js';
import { fileSink } from './file-sink.js';
import { jsonFormat } from './json.js';
import { localStorage } from './local-storage.js';
import { orcFormat } from './orc.js';
import { parquetFormat } from './parquet.js';

export const jsonSink = fileSink(jsonFormat, localStorage);
export const csvSink = fileSink(csvFormat, localStorage);
export const avroSink = fileSink(avroFormat, localStorage);
export const parquetSink = fileSink(parquetFormat, localStorage);
export const orcSink = fileSink(orcFormat, localStorage);

export const localFileSinks: Record<string, Sink> = { json: jsonSink, csv: csvSink, avro: avroSink, parquet: parquetSink, orc: orcSink };
