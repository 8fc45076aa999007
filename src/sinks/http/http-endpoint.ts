/**
 * An HTTP(S) endpoint a sink talks to (an HBase REST gateway, a schema registry), read from the service properties,
 * pure: its base URL without credentials, basic auth from `<PREFIX>_USERNAME` + `<PREFIX>_PASSWORD` or the URL's
 * user-info, and the CA file that trusts an https endpoint.
 */
import { BadRequestError } from '../../errors.js';

export interface HttpEndpoint {
  /** Base URL without user-info or trailing slash. */
  url: string;
  /** The URL without credentials, as messages show it. */
  display: string;
  /** What messages call it, e.g. "schema registry http://registry:8081". */
  name: string;
  /** Value of the Authorization header, when basic auth is configured. */
  authorization?: string;
  /** A PEM file of the CAs to trust for https (else the system's). */
  caFile?: string;
}

export interface HttpEndpointKeys {
  url: string;
  username: string;
  password: string;
  caFile: string;
  /** A `user:password` key, taking precedence over username + password (the Confluent client's user info). */
  userInfo?: string;
  /** How the endpoint is named in errors, e.g. "schema registry". */
  what: string;
}

/** The endpoint, or undefined when its URL key is unset. */
export function httpEndpoint(p: Record<string, string | undefined>, keys: HttpEndpointKeys): HttpEndpoint | undefined {
  const raw = p[keys.url]?.trim();
  if (!raw) return undefined;
  const parsed = parseHttpUrl(raw, keys.url);
  const fromUrl = parsed.username ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : undefined;
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/+$/, '');
  const userInfo = basicUserInfo(p, keys) ?? fromUrl;
  const caFile = p[keys.caFile]?.trim() || undefined;
  return {
    url,
    display: url,
    name: `${keys.what} ${url}`,
    ...(userInfo ? { authorization: `Basic ${Buffer.from(userInfo).toString('base64')}` } : {}),
    ...(caFile ? { caFile } : {}),
  };
}

function parseHttpUrl(raw: string, key: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new BadRequestError(`${key} must be an http(s) URL`, { field: key });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BadRequestError(`${key} must be an http(s) URL, got scheme ${parsed.protocol}`, { field: key });
  }
  return parsed;
}

function basicUserInfo(p: Record<string, string | undefined>, keys: HttpEndpointKeys): string | undefined {
  const info = keys.userInfo ? p[keys.userInfo]?.trim() : undefined;
  if (info) {
    if (!info.includes(':')) throw new BadRequestError(`${keys.userInfo} must be user:password`, { field: keys.userInfo });
    return info;
  }
  const user = p[keys.username]?.trim();
  const password = p[keys.password];
  if (!user && !password) return undefined;
  if (!user || !password) {
    const missing = user ? keys.password : keys.username;
    throw new BadRequestError(`${keys.what} basic auth needs both ${keys.username} and ${keys.password}; ${missing} is not set`, { field: missing });
  }
  return `${user}:${password}`;
}
