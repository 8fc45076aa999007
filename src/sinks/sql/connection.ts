/**
 * Where a relational sink connects, read once from the settings (pure): <P>_URL (scheme://user:password@host:port/
 * database), and <P>_HOST (host or host:port), <P>_DATABASE, <P>_USER and <P>_PASSWORD, which override the URL's
 * parts (so a command may point the service's URL elsewhere, or give the password apart); <P>_SSL (disable, require, verify-full) and <P>_SSL_CA_FILE for TLS
 * (PEM, or a PKCS12 truststore opened with <P>_SSL_CA_PASSWORD: what a stored TRUSTSTORE credential sets). The URL is parsed here and the
 * driver gets host, port and credentials apart: a driver reading the URL itself would also honour query
 * parameters (host=, socketPath=) that name another endpoint than the one the allow-list checked. No message
 * quotes a value that may hold the password.
 */
import { BadRequestError } from '../../errors.js';
import { MissingStore, truststorePems } from '../kafka/tls-material.js';
import type { StoreFile } from '../kafka/security-settings.js';
import { endpointsOf } from '../endpoints/parse-endpoints.js';
import { localServerHint } from '../local-server-hint.js';
import type { SinkContext } from '../types.js';

export type SqlKind = 'postgresql' | 'mysql';
export type SslMode = 'disable' | 'require' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-full'];

export interface SqlConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  ssl: SslMode;
  /** PEM certificates of the CAs to verify the server with (verify-full); absent: the system's CAs. */
  ca?: string[];
  /**
   * The CA file when it did not exist yet as the settings were read: a stored credential's file is written only
   * where the sink step runs, so at submission it is only planned. Read when connecting.
   */
  caFile?: StoreFile;
}

/** The settings of one relational sink, e.g. POSTGRESQL_URL, POSTGRESQL_HOST, ... for 'POSTGRESQL'. */
export function sqlSettingKeys(prefix: string) {
  return {
    url: `${prefix}_URL`, host: `${prefix}_HOST`, database: `${prefix}_DATABASE`, user: `${prefix}_USER`,
    password: `${prefix}_PASSWORD`, ssl: `${prefix}_SSL`, ca: `${prefix}_SSL_CA_FILE`, caPassword: `${prefix}_SSL_CA_PASSWORD`,
  };
}

const prop = (ctx: SinkContext, key: string) => ctx.settings.properties[key]?.trim() || undefined;

const decode = (s: string, field: string, part: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new BadRequestError(`${field}: its ${part} is not percent-encoded properly`, { field });
  }
};

/** The setting naming the server: <P>_HOST when given, else <P>_URL. */
export function sqlAddressSetting(ctx: SinkContext, prefix: string): { key: string; value: string } | undefined {
  const keys = sqlSettingKeys(prefix);
  const host = prop(ctx, keys.host);
  if (host) return { key: keys.host, value: host };
  const url = prop(ctx, keys.url);
  return url ? { key: keys.url, value: url } : undefined;
}

/** `kind`'s connection from `ctx` (`prefix` names its settings); a 400 naming the setting when one does not read. */
export function sqlConnection(ctx: SinkContext, kind: SqlKind, prefix: string, defaults: { database: string; user: string }): SqlConnection {
  const keys = sqlSettingKeys(prefix);
  const url = prop(ctx, keys.url);
  const address = sqlAddressSetting(ctx, prefix);
  if (!address) throw new BadRequestError(`the ${kind} sink needs ${keys.url} (or ${keys.host}): set it in the service environment or as a command property${localServerHint(kind)}`, { field: keys.url });
  const [endpoint] = endpointsOf(kind, address.value, address.key);
  const field = keys.url;
  let fromUrl: { database?: string; user?: string; password?: string; ssl?: string } = {};
  if (url) {
    const u = new URL(url);
    const params = [...u.searchParams.keys()];
    const unknown = params.filter((p) => p !== 'sslmode' && p !== 'ssl');
    if (unknown.length) throw new BadRequestError(`${field} may carry only sslmode as a parameter (got ${unknown.join(', ')}); give the rest as ${prefix}_* settings`, { field });
    const path = u.pathname.replace(/^\/+/, '');
    fromUrl = {
      ...(path ? { database: decode(path, field, 'database') } : {}),
      ...(u.username ? { user: decode(u.username, field, 'user name') } : {}),
      ...(u.password ? { password: decode(u.password, field, 'password') } : {}),
      ...(u.searchParams.get('sslmode') ?? u.searchParams.get('ssl') ? { ssl: (u.searchParams.get('sslmode') ?? u.searchParams.get('ssl'))! } : {}),
    };
  }
  const sslText = (prop(ctx, keys.ssl) ?? fromUrl.ssl ?? 'disable').toLowerCase();
  const ssl = ({ true: 'require', false: 'disable', 'verify-ca': 'verify-full', prefer: 'require' } as Record<string, SslMode>)[sslText] ?? sslText;
  if (!SSL_MODES.includes(ssl as SslMode)) throw new BadRequestError(`${keys.ssl} must be one of ${SSL_MODES.join(', ')}, got "${sslText}"`, { field: keys.ssl });
  const caPath = prop(ctx, keys.ca);
  // The password as given: spaces may belong to it.
  const caPassword = ctx.settings.properties[keys.caPassword] || undefined;
  const caFile: StoreFile | undefined = caPath ? { key: keys.ca, path: caPath, ...(caPassword ? { password: caPassword } : {}) } : undefined;
  let ca: string[] | undefined;
  if (caFile) {
    try {
      ca = truststorePems(caFile);
    } catch (err) {
      if (!(err instanceof MissingStore)) throw err;
    }
  }
  const password = prop(ctx, keys.password) ?? fromUrl.password;
  return {
    host: endpoint!.host.replace(/^\[(.*)\]$/, '$1'),
    port: endpoint!.port,
    database: prop(ctx, keys.database) ?? fromUrl.database ?? defaults.database,
    user: prop(ctx, keys.user) ?? fromUrl.user ?? defaults.user,
    ...(password !== undefined ? { password } : {}),
    ssl: ssl as SslMode,
    ...(ca ? { ca } : caFile ? { caFile } : {}),
  };
}

/** Node TLS options for the mode (undefined: plain TCP). */
export function tlsOptions(c: SqlConnection): { rejectUnauthorized: boolean; ca?: string[]; servername?: string } | undefined {
  if (c.ssl === 'disable') return undefined;
  const ca = c.ca ?? (c.caFile ? truststorePems(c.caFile) : undefined);
  return { rejectUnauthorized: c.ssl === 'verify-full', ...(ca ? { ca } : {}) };
}

/** "host:port" for messages ([v6]:port). */
export function sqlAddress(c: Pick<SqlConnection, 'host' | 'port'>): string {
  return `${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`;
}
