/**
 * Pure configuration of a test HiveServer2: embedded Derby metastore, local MapReduce, no authentication, every
 * scratch and temp directory under `dir`. Its default file system is the local one (file:///), or the HDFS at
 * `defaultFs` (hdfs://host:port) with a CDP cluster's warehouse layout.
 */

export function hiveSite(port: number, dir: string, defaultFs?: string): string {
  const warehouse = defaultFs
    ? { 'hive.metastore.warehouse.dir': `${defaultFs}/warehouse/tablespace/managed/hive`, 'hive.metastore.warehouse.external.dir': `${defaultFs}/warehouse/tablespace/external/hive` }
    : { 'hive.metastore.warehouse.dir': `file://${dir}/warehouse`, 'hive.metastore.warehouse.external.dir': `file://${dir}/external` };
  const props: Record<string, string | number> = {
    'hive.server2.thrift.bind.host': '127.0.0.1',
    'hive.server2.thrift.port': port,
    'hive.server2.transport.mode': 'binary',
    'hive.server2.authentication': 'NONE',
    'hive.server2.enable.doAs': 'false',
    'hive.server2.webui.port': 0,
    'hive.server2.thrift.min.worker.threads': 4,
    'hive.server2.logging.operation.enabled': 'false',
    'hive.metastore.uris': '',
    'javax.jdo.option.ConnectionURL': `jdbc:derby:;databaseName=${dir}/metastore_db;create=true`,
    'javax.jdo.option.ConnectionDriverName': 'org.apache.derby.jdbc.EmbeddedDriver',
    'datanucleus.schema.autoCreateAll': 'true',
    'hive.metastore.schema.verification': 'false',
    'metastore.metastore.event.db.notification.api.auth': 'false',
    'hive.metastore.event.db.notification.api.auth': 'false',
    ...warehouse,
    'fs.defaultFS': defaultFs ?? 'file:///',
    'mapreduce.framework.name': 'local',
    'hive.execution.engine': 'mr',
    'hive.exec.submitviachild': 'false',
    'hive.exec.submit.local.task.via.child': 'false',
    'hive.exec.scratchdir': `${dir}/scratch`,
    'hive.exec.local.scratchdir': `${dir}/local-scratch`,
    'hive.downloaded.resources.dir': `${dir}/resources`,
    'hive.querylog.location': `${dir}/querylog`,
    'hive.query.results.cache.directory': `${dir}/results-cache`,
    'hadoop.tmp.dir': `${dir}/hadoop-tmp`,
    'mapreduce.jobtracker.staging.root.dir': `${dir}/staging`,
    'yarn.app.mapreduce.am.staging-dir': `${dir}/staging`,
    // No transactions or locks: plain (non-ACID) managed tables, as a CDP cluster's hive.strict.managed.tables=false.
    'hive.support.concurrency': 'false',
    'hive.txn.manager': 'org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager',
    'hive.create.as.acid': 'false',
    'hive.create.as.insert.only': 'false',
    'metastore.create.as.acid': 'false',
    'hive.strict.managed.tables': 'false',
    // Statistics gathering adds a stage to every INSERT; the tests count rows with SELECT instead.
    'hive.stats.autogather': 'false',
    'hive.stats.column.autogather': 'false',
    'hive.server2.active.passive.ha.enable': 'false',
    'hive.server2.support.dynamic.service.discovery': 'false',
  };
  const body = Object.entries(props)
    .map(([k, v]) => `  <property><name>${k}</name><value>${v}</value></property>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<configuration>\n${body}\n</configuration>\n`;
}

/** The JVM flags Hive 4 and Hadoop 3.3 need on Java 17 (reflective access into java.base). */
export const HIVE_JAVA17_OPTIONS = [
  'java.lang', 'java.lang.invoke', 'java.lang.reflect', 'java.io', 'java.net', 'java.nio', 'java.text', 'java.time',
  'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'java.util.regex', 'java.security',
  'jdk.internal.misc', 'jdk.internal.ref', 'sun.nio.ch', 'sun.nio.cs', 'sun.security.action', 'sun.util.calendar',
  'sun.net.util',
].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`).concat(['--add-opens=java.sql/java.sql=ALL-UNNAMED']);

export const HIVE_LOG4J2 = `status = WARN
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d %p [%t] %c{2}: %m%n
rootLogger.level = WARN
rootLogger.appenderRef.console.ref = console
logger.server.name = org.apache.hive.service.server
logger.server.level = INFO
`;
