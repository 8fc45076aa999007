/** Settings of the HBase sink whose values are credentials (collected by the secret rule, src/secrets.ts). */
export const HBASE_SECRET_KEYS: readonly string[] = ['HBASE_KEYTAB', 'HBASE_REST_PASSWORD', 'HBASE_REST_TOKEN'];
