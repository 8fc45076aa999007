/** Service properties the HBase sink reads (environment or a command's extraProperties), besides its model keys. */
export const HBASE_CONNECTION_SETTINGS: readonly string[] = ['HBASE_REST_URL'];
