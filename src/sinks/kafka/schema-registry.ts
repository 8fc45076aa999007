/**
 * Registering a value schema with a Confluent-compatible schema registry (POST /subjects/<topic>-value/versions).
 * node:http(s) rather than fetch, so an https registry can be trusted through SCHEMA_REGISTRY_SSL_CA_LOCATION.
 * Messages name the registry by its URL without credentials.
 */
import { endpointTls, httpRequest } from '../http/http-request.js';
import { SCHEMA_REGISTRY_KEYS, type SchemaRegistrySettings } from './registry-settings.js';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export async function registerValueSchema(registry: SchemaRegistrySettings, topic: string, schemaJson: string): Promise<number> {
  const subject = `${topic}-value`;
  const res = await registryRequest(registry, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, JSON.stringify({ schema: schemaJson }));
  const where = `${registry.name} subject ${subject}`;
  if (res.status === 401 || res.status === 403) {
    throw new Error(`${where}: the registry refused the credentials (HTTP ${res.status}; check SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO or SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD)`);
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`${where}: registering the schema answered HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  let id: unknown;
  try {
    id = (JSON.parse(res.body) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  if (typeof id !== 'number') throw new Error(`${where}: answered without a schema id: ${res.body.slice(0, 300)}`);
  return id;
}

/** One request to the registry; a connection failure is an error naming the registry. */
export function registryRequest(registry: SchemaRegistrySettings, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { Accept: `${CONTENT_TYPE}, application/json` };
  if (body !== undefined) headers['Content-Type'] = CONTENT_TYPE;
  const tls = endpointTls(registry, SCHEMA_REGISTRY_KEYS.caFile);
  return httpRequest(registry, tls, { method, path, headers, ...(body !== undefined ? { body } : {}), timeoutMs: 15_000 }).then((a) => ({ status: a.status, body: a.text }));
}
