/**
 * The endpoints a setting's value names, by the setting's kind (pure). Each is the host and port the sink's client
 * connects to, normalised (./host.ts), with the scheme's default port when none is given. A value that does not
 * read as its kind is a 400 naming the setting; no message quotes the value, which may hold credentials
 * (user-info, an account key).
 */
import { BadRequestError } from '../../errors.js';
import { DEFAULT_NAMENODE_HTTP_PORT } from '../destinations/hdfs-settings.js';
import type { Endpoint, EndpointKind } from './endpoint-setting.js';
import { hostPort, normalHost } from './host.js';

const HTTP_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };
/** The original's hdfs.uri schemes: webhdfs names the namenode's HTTP address; hdfs its RPC address, whose port the sink does not use. */
const NAMENODE_PORTS: Record<string, number> = { ...HTTP_PORTS, 'webhdfs:': DEFAULT_NAMENODE_HTTP_PORT, 'swebhdfs:': DEFAULT_NAMENODE_HTTP_PORT, 'hdfs:': DEFAULT_NAMENODE_HTTP_PORT };
/** The Azure Storage emulator's Blob endpoint, which UseDevelopmentStorage=true stands for. */
const AZURITE_BLOB = 'http://127.0.0.1:10000';
const AZURE_PUBLIC_SUFFIX = 'core.windows.net';
const AZURE_KEYS = [
  'DefaultEndpointsProtocol', 'AccountName', 'AccountKey', 'EndpointSuffix', 'SharedAccessSignature',
  'BlobEndpoint', 'QueueEndpoint', 'TableEndpoint', 'FileEndpoint', 'UseDevelopmentStorage', 'DevelopmentStorageProxyUri',
];

/** A 400 naming `field` (and which part of its value, `where`), without the value. */
const bad = (field: string, why: string, where = '') => new BadRequestError(`${field}${where} ${why}`, { field });

export function formatEndpoint(e: Endpoint): string {
  return hostPort(e.host, e.port);
}

/** The endpoints `value` (of a setting of `kind`, shown as `field`) names; throws a 400 naming `field` when it does not read. */
export function endpointsOf(kind: Exclude<EndpointKind, 'file'>, value: string, field: string): Endpoint[] {
  switch (kind) {
    case 'url':
      return [urlEndpoint(value.trim(), field, HTTP_PORTS)];
    case 'url-list':
      return entries(value, field).map((u) => urlEndpoint(u, field, HTTP_PORTS));
    case 'host-list':
      return entries(value, field).map((entry, i) => brokerEndpoint(entry, field, ` entry ${i + 1}`));
    case 'namenode-uri':
      return [urlEndpoint(value.trim(), field, NAMENODE_PORTS)];
    case 'azure-connection-string':
      return azureEndpoints(value, field);
    case 'postgresql':
    case 'mysql':
      return [databaseEndpoint(value.trim(), field, DATABASE_PORTS[kind])];
  }
}

/** The schemes of each database's URLs, with the default port. */
const DATABASE_PORTS: Record<'postgresql' | 'mysql', Record<string, number>> = {
  postgresql: { 'postgres:': 5432, 'postgresql:': 5432 },
  mysql: { 'mysql:': 3306, 'mariadb:': 3306 },
};

/** A database URL, or a bare host[:port] (the database's default port when none is given). */
function databaseEndpoint(value: string, field: string, ports: Record<string, number>): Endpoint {
  if (value.includes('://')) return urlEndpoint(value, field, ports);
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value);
  const host = m ? normalHost(m[1]!) : undefined;
  const port = m?.[2] ? Number(m[2]) : Object.values(ports)[0]!;
  if (!host || port < 1 || port > 65535) throw bad(field, 'is not host or host:port');
  return { host, port };
}

function entries(value: string, field: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0) throw bad(field, 'names no address');
  return list;
}

function urlEndpoint(value: string, field: string, ports: Record<string, number>, where = ''): Endpoint {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const schemes = Object.keys(ports).map((p) => p.slice(0, -1)).join(', ');
  if (!url || !(url.protocol in ports)) throw bad(field, `is not a URL of scheme ${schemes} (such as http://host:port)`, where);
  // Other schemes than http(s) leave the host as written: read it as the http URL the sink builds from it.
  const host = normalHost(url.hostname);
  if (!host) throw bad(field, 'names no host', where);
  const port = url.protocol === 'hdfs:' || url.port === '' ? ports[url.protocol]! : Number(url.port);
  return { host, port };
}

/** host:port, as a Kafka client takes it; a scheme:// prefix (PLAINTEXT://, SASL_SSL://) and user-info are dropped. */
function brokerEndpoint(entry: string, field: string, where: string): Endpoint {
  const authority = entry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^.*@/, '').replace(/\/$/, '');
  const m = /^(\[[^\]]*\]|[^:[\]]*):(\d{1,5})$/.exec(authority);
  const host = m ? normalHost(m[1]!) : undefined;
  const port = m ? Number(m[2]) : 0;
  if (!host || port < 1 || port > 65535) throw bad(field, 'is not host:port', where);
  return { host, port };
}

/**
 * What the Azure SDK connects to for this connection string: BlobEndpoint, else the account's host under
 * EndpointSuffix; the emulator for UseDevelopmentStorage, and its DevelopmentStorageProxyUri. Parts are read
 * strictly (known names, each at most once) so no spelling reaches the SDK that this reading missed. The public
 * cloud's own host (no BlobEndpoint, EndpointSuffix unset or core.windows.net) names no endpoint, as when no
 * ADLS_ENDPOINT is set.
 */
function azureEndpoints(value: string, field: string): Endpoint[] {
  const parts = new Map<string, string>();
  for (const element of value.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = element.indexOf('=');
    const key = eq < 0 ? element : element.slice(0, eq).trim();
    // The part is not quoted: without its "=" it may be a piece of a key.
    if (!AZURE_KEYS.includes(key)) throw bad(field, `has a part that is not one of ${AZURE_KEYS.map((k) => `${k}=`).join(', ')} (names are case-sensitive)`);
    if (parts.has(key)) throw bad(field, `has ${key} twice`);
    parts.set(key, element.slice(eq + 1).trim());
  }
  const out: Endpoint[] = [];
  if (parts.get('UseDevelopmentStorage')?.toLowerCase() === 'true') out.push(urlEndpoint(AZURITE_BLOB, field, HTTP_PORTS));
  const proxy = parts.get('DevelopmentStorageProxyUri');
  if (proxy !== undefined) out.push(urlEndpoint(proxy, field, HTTP_PORTS, ' (DevelopmentStorageProxyUri)'));
  const blob = parts.get('BlobEndpoint');
  if (blob !== undefined) {
    out.push(urlEndpoint(blob, field, HTTP_PORTS, ' (BlobEndpoint)'));
    return out;
  }
  const suffix = parts.get('EndpointSuffix');
  const account = parts.get('AccountName');
  if (account !== undefined && suffix !== undefined && suffix.toLowerCase() !== AZURE_PUBLIC_SUFFIX) {
    const protocol = parts.get('DefaultEndpointsProtocol') ?? 'https';
    out.push(urlEndpoint(`${protocol}://${account}.blob.${suffix}`, field, HTTP_PORTS, ' (AccountName and EndpointSuffix)'));
  }
  return out;
}
