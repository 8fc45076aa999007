/**
 * Where the Kafka sink finds its Confluent-compatible schema registry (avro values) and how it authenticates:
 * read from the service properties (environment or a command's extraProperties), pure.
 *
 * - SCHEMA_REGISTRY_URL: http(s) base URL; user-info in it (`https://user:pass@host`) is taken as basic auth.
 * - SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO (`user:password`, the Confluent client's `basic.auth.user.info`), or
 *   SCHEMA_REGISTRY_USERNAME with SCHEMA_REGISTRY_PASSWORD: basic auth, taking precedence over the URL's user-info.
 * - SCHEMA_REGISTRY_SSL_CA_LOCATION: a PEM file of the CAs to trust for an https registry (else the system's).
 */
import { httpEndpoint, type HttpEndpoint, type HttpEndpointKeys } from '../http/http-endpoint.js';
import type { SinkContext } from '../types.js';

export type SchemaRegistrySettings = HttpEndpoint;

export const SCHEMA_REGISTRY_KEYS: HttpEndpointKeys = {
  url: 'SCHEMA_REGISTRY_URL',
  username: 'SCHEMA_REGISTRY_USERNAME',
  password: 'SCHEMA_REGISTRY_PASSWORD',
  userInfo: 'SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO',
  caFile: 'SCHEMA_REGISTRY_SSL_CA_LOCATION',
  what: 'schema registry',
};

export function schemaRegistrySettings(ctx: SinkContext): SchemaRegistrySettings | undefined {
  return httpEndpoint(ctx.settings.properties, SCHEMA_REGISTRY_KEYS);
}
