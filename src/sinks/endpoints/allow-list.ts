/**
 * The operator's allow-list of endpoints (DATAGEN_ALLOWED_ENDPOINTS, pure): comma-separated patterns, each
 * host:port, host:* (any port), *.domain:port or *.domain:* (any name below domain, not domain itself), or * alone
 * (any endpoint at all). Hosts are normalised as endpoints are (./host.ts), so `LOCALHOST.:9092` allows what
 * `localhost:9092` names and `127.1:4222` what `127.0.0.1:4222` names.
 */
import type { Endpoint } from './endpoint-setting.js';
import { hostPort, normalHost } from './host.js';

export const ALLOW_ANY = '*';

/** One pattern normalised; throws an Error saying what is wrong (a configuration error: the service does not start). */
export function endpointPattern(raw: string): string {
  const entry = raw.trim();
  if (entry === ALLOW_ANY) return ALLOW_ANY;
  const m = /^(.+):(\d{1,5}|\*)$/.exec(entry);
  const port = m?.[2];
  if (!m || (port !== '*' && (Number(port) < 1 || Number(port) > 65535))) {
    throw new Error(`"${entry}" must be host:port, host:*, *.domain:port, *.domain:* or * (an IPv6 address in brackets: [::1]:9092)`);
  }
  const wildcard = m[1]!.startsWith('*.');
  const host = normalHost(wildcard ? m[1]!.slice(2) : m[1]!);
  if (!host) throw new Error(`"${entry}" does not name a host`);
  return hostPort(wildcard ? `*.${host}` : host, port === '*' ? '*' : Number(port));
}

/** DATAGEN_ALLOWED_ENDPOINTS as normalised patterns. */
export function endpointPatterns(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').filter((s) => s.trim() !== '').map(endpointPattern))];
}

function matches(pattern: string, e: Endpoint): boolean {
  if (pattern === ALLOW_ANY) return true;
  const colon = pattern.lastIndexOf(':');
  const host = pattern.slice(0, colon);
  const port = pattern.slice(colon + 1);
  if (port !== '*' && Number(port) !== e.port) return false;
  return host.startsWith('*.') ? e.host.endsWith(host.slice(1)) && e.host.length > host.length - 1 : e.host === host;
}

export function endpointAllowed(e: Endpoint, patterns: readonly string[]): boolean {
  return patterns.some((p) => matches(p, e));
}
