/** Service name (as in /datagen/<name>) → sink. Names of the original that we do not serve yet answer a clear 400. */
import { BadRequestError } from '../errors.js';
import { csvSink } from './files/csv.js';
import { jsonSink } from './files/json.js';
import type { Sink } from './types.js';

const SINKS: Record<string, Sink> = {
  json: jsonSink,
  csv: csvSink,
};

const FORMATS = ['csv', 'json', 'avro', 'parquet', 'orc'];
/** Every service name of the seed page and the original service. */
export const KNOWN_SERVICES = [
  ...FORMATS,
  ...['hdfs', 'ozone', 's3', 'adls', 'gcs'].flatMap((store) => FORMATS.map((f) => `${store}_${f}`)),
  'hbase', 'hive', 'kafka', 'solr', 'kudu', 'ozone',
];

export function availableSinks(): string[] {
  return Object.keys(SINKS);
}

export function sinkFor(service: string): Sink {
  const name = service.toLowerCase();
  const sink = SINKS[name];
  if (sink) return sink;
  if (KNOWN_SERVICES.includes(name)) throw new BadRequestError(`sink ${name} is not available yet (available: ${availableSinks().join(', ')})`);
  throw new BadRequestError(`unknown service "${service}" in /datagen/${service}; available: ${availableSinks().join(', ')}`);
}
