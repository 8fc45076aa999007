/**
 * The HBase REST gateway the sink talks to, read from the service properties (pure): HBASE_REST_URL (http or
 * https, optional path prefix), basic auth (HBASE_REST_USERNAME + HBASE_REST_PASSWORD, or the URL's user-info) for
 * a gateway that asks for it (Knox, HDInsight, a reverse proxy: HBase's own REST server knows only SPNEGO), and
 * HBASE_REST_SSL_CA_LOCATION, the PEM of the CAs that trust an https gateway.
 */
import { httpEndpoint, type HttpEndpoint, type HttpEndpointKeys } from '../http/http-endpoint.js';

export const HBASE_REST_KEYS: HttpEndpointKeys = {
  url: 'HBASE_REST_URL',
  username: 'HBASE_REST_USERNAME',
  password: 'HBASE_REST_PASSWORD',
  caFile: 'HBASE_REST_SSL_CA_LOCATION',
  what: 'HBase REST gateway',
};

export function hbaseRestEndpoint(properties: Record<string, string | undefined>): HttpEndpoint | undefined {
  return httpEndpoint(properties, HBASE_REST_KEYS);
}
