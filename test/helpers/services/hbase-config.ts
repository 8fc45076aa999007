/** Pure configuration of a standalone HBase (master, region server and ZooKeeper in one JVM) and its REST gateway. */

export interface HBasePorts {
  zookeeper: number;
  master: number;
  regionServer: number;
  rest: number;
}

/** The REST gateway's own TLS listener: a PKCS12 keystore holding its key and certificate. */
export interface HBaseRestTls {
  keystore: string;
  password: string;
}

export function hbaseSite(ports: HBasePorts, dir: string, restTls?: HBaseRestTls): string {
  const props: Record<string, string | number> = {
    'hbase.cluster.distributed': 'false',
    'hbase.rootdir': `file://${dir}/hbase`,
    'hbase.tmp.dir': `${dir}/tmp`,
    'hbase.zookeeper.quorum': '127.0.0.1',
    'hbase.zookeeper.property.clientPort': ports.zookeeper,
    'hbase.zookeeper.property.dataDir': `${dir}/zookeeper`,
    'hbase.master.hostname': '127.0.0.1',
    'hbase.unsafe.regionserver.hostname': '127.0.0.1',
    'hbase.master.port': ports.master,
    'hbase.regionserver.port': ports.regionServer,
    'hbase.localcluster.assign.random.ports': 'false',
    // No web UIs: fewer ports and threads.
    'hbase.master.info.port': -1,
    'hbase.regionserver.info.port': -1,
    'hbase.rest.info.port': -1,
    'hbase.rest.host': '127.0.0.1',
    'hbase.rest.port': ports.rest,
    // The local file system has no hflush/hsync capability; standalone mode must not insist on it.
    'hbase.unsafe.stream.capability.enforce': 'false',
    'hbase.wal.provider': 'filesystem',
    // A modest single-node footprint for a 2-core machine.
    'hbase.regionserver.handler.count': 10,
    'hbase.master.handler.count': 10,
    'hbase.rest.threads.max': 20,
    'hbase.rest.threads.min': 2,
    ...(restTls
      ? {
          'hbase.rest.ssl.enabled': 'true',
          'hbase.rest.ssl.keystore.store': restTls.keystore,
          'hbase.rest.ssl.keystore.type': 'PKCS12',
          'hbase.rest.ssl.keystore.password': restTls.password,
          'hbase.rest.ssl.keystore.keypassword': restTls.password,
        }
      : {}),
  };
  const body = Object.entries(props)
    .map(([k, v]) => `  <property><name>${k}</name><value>${v}</value></property>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<configuration>\n${body}\n</configuration>\n`;
}

/** JVM flags HBase 2.6 needs on Java 17 (the same set its bin/hbase script adds). */
export const HBASE_JAVA17_OPTIONS = [
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED',
  '-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

export const HBASE_LOG4J = `log4j.rootLogger=WARN,console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d %p [%t] %c{2}: %m%n
log4j.logger.org.apache.hadoop.hbase.master.HMaster=INFO
log4j.logger.org.apache.hadoop.hbase.rest=INFO
`;
