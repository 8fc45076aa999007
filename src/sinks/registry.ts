/** Service name (as in /datagen/<name>) → sink. Names of the original that we do not serve yet answer a clear 400. */
import { BadRequestError } from '../errors.js';
import { localFileSinks } from './files/local-sinks.js';
import { remoteFileSinks } from './files/remote-sinks.js';
import { hbaseSink } from './hbase/sink.js';
import { hiveSink } from './hive/sink.js';
import { kafkaSink } from './kafka/sink.js';
import { kuduSink } from './kudu/sink.js';
import { mysqlSink } from './mysql/sink.js';
import { postgresqlSink } from './postgresql/sink.js';
import { solrSink } from './solr/sink.js';
import { MULTI_SERVICE, multiSink } from './multi-sink.js';
import type { Sink } from './types.js';

/** The sinks one command writes to; multipleconnectors combines several of them. */
const CONNECTORS: Record<string, Sink> = {
  ...localFileSinks,
  ...remoteFileSinks,
  kafka: kafkaSink,
  hbase: hbaseSink,
  hive: hiveSink,
  postgresql: postgresqlSink,
  mysql: mysqlSink,
  solr: solrSink,
  kudu: kuduSink,
};

const SINKS: Record<string, Sink> = {
  ...CONNECTORS,
  [MULTI_SERVICE]: multiSink({ sink: (name) => (Object.hasOwn(CONNECTORS, name) ? CONNECTORS[name] : undefined), available: () => Object.keys(CONNECTORS) }),
};

/** Services we know and deliberately do not serve, with the reason given in the 400. */
const UNAVAILABLE: Record<string, string> = {};

const FORMATS = ['csv', 'json', 'avro', 'parquet', 'orc'];
/** Every service name of the seed page and the original service. */
export const KNOWN_SERVICES = [
  ...FORMATS,
  ...['hdfs', 'ozone', 's3', 'adls', 'gcs'].flatMap((store) => FORMATS.map((f) => `${store}_${f}`)),
  'hbase', 'hive', 'kafka', 'solr', 'kudu', 'ozone', MULTI_SERVICE,
];

export function availableSinks(): string[] {
  return Object.keys(SINKS);
}

export function sinkFor(service: string): Sink {
  const name = service.toLowerCase();
  const sink = SINKS[name];
  if (sink) return sink;
  if (UNAVAILABLE[name]) throw new BadRequestError(`sink ${name} is not available: ${UNAVAILABLE[name]}`);
  if (KNOWN_SERVICES.includes(name)) throw new BadRequestError(`sink ${name} is not available yet (available: ${availableSinks().join(', ')})`);
  throw new BadRequestError(`unknown service "${service}" in /datagen/${service}; available: ${availableSinks().join(', ')}`);
}
