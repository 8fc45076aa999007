/**
 * Where the Kafka sink finds its Confluent-compatible schema registry (avro values) and how it authenticates:
 * read from the service properties (environment or a command's extraProperties), pure.
 *
 * - SCHEMA_REGISTRY_URL: http(s) base URL; user-info in it (`https://user:pass@host`) is taken as basic auth.
 * - SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO (`user:password`, the Confluent client's `basic.auth.user.info`), or
 *   SCHEMA_REGISTRY_USERNAME with SCHEMA_REGISTRY_PASSWORD: basic auth, taking precedence over the URL's user-info.
 * - SCHEMA_REGISTRY_SSL_CA_LOCATION: a PEM file of the CAs to trust for an https registry (else the system's).
 */
import { BadRequestError } from '../../errors.js';
import type { SinkContext } from '../types.js';

export interface SchemaRegistrySettings {
  /** Base URL without user-info or trailing slash. */
  url: string;
  /** The registry as messages name it: the URL without credentials. */
  display: string;
  /** Value of the Authorization header, when basic auth is configured. */
  authorization?: string;
  caFile?: string;
}

export function schemaRegistrySettings(ctx: SinkContext): SchemaRegistrySettings | undefined {
  const p = ctx.settings.properties;
  const raw = p.SCHEMA_REGISTRY_URL?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new BadRequestError('SCHEMA_REGISTRY_URL must be an http(s) URL', { field: 'SCHEMA_REGISTRY_URL' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BadRequestError(`SCHEMA_REGISTRY_URL must be an http(s) URL, got scheme ${parsed.protocol}`, { field: 'SCHEMA_REGISTRY_URL' });
  }
  const fromUrl = parsed.username ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : undefined;
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/+$/, '');
  const userInfo = basicUserInfo(p) ?? fromUrl;
  const caFile = p.SCHEMA_REGISTRY_SSL_CA_LOCATION?.trim() || undefined;
  return { url, display: url, ...(userInfo ? { authorization: `Basic ${Buffer.from(userInfo).toString('base64')}` } : {}), ...(caFile ? { caFile } : {}) };
}

function basicUserInfo(p: Record<string, string | undefined>): string | undefined {
  const info = p.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO?.trim();
  if (info) {
    if (!info.includes(':')) {
      throw new BadRequestError('SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO must be user:password', { field: 'SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO' });
    }
    return info;
  }
  const user = p.SCHEMA_REGISTRY_USERNAME?.trim();
  const password = p.SCHEMA_REGISTRY_PASSWORD;
  if (!user && !password) return undefined;
  if (!user || !password) {
    const missing = user ? 'SCHEMA_REGISTRY_PASSWORD' : 'SCHEMA_REGISTRY_USERNAME';
    throw new BadRequestError(`schema registry basic auth needs both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD; ${missing} is not set`, { field: missing });
  }
  return `${user}:${password}`;
}
