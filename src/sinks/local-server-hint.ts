/**
 * For a sink whose server is not configured: the `npm run services` command (test/helpers/services-cli.ts, in a
 * checkout) that starts a local one, and the variables it prints, which the service must be started with.
 */
const LOCAL_SERVERS: Readonly<Record<string, { service: string; variables: string }>> = {
  hbase: { service: 'hbase', variables: 'HBASE_REST_URL' },
  kafka: { service: 'kafka', variables: 'KAFKA_BROKERS' },
  hive: { service: 'hive', variables: 'HIVE_URL' },
  kudu: { service: 'kudu', variables: 'KUDU_MASTERS' },
  solr: { service: 'solr', variables: 'SOLR_URL, SOLR_USER and SOLR_PASSWORD' },
  postgresql: { service: 'postgres', variables: 'POSTGRESQL_URL' },
  mysql: { service: 'mysql', variables: 'MYSQL_URL' },
  hdfs: { service: 'hdfs', variables: 'HDFS_URL and HDFS_URI' },
};

/** "; for a local one, `npm run -s services -- start hbase` ..." for `sink`, or nothing when none runs locally. */
export function localServerHint(sink: string): string {
  const s = LOCAL_SERVERS[sink];
  if (!s) return '';
  const start = `npm run -s services -- start ${s.service}`;
  return `; for a local one, \`${start}\` starts it and prints ${s.variables}: start the service with them, e.g. \`env $(${start}) npm start\``;
}
