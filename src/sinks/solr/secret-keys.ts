/** Settings of the Solr sink whose values are credentials (collected by the secret rule, src/secrets.ts). */
export const SOLR_SECRET_KEYS: readonly string[] = ['SOLR_PASSWORD'];
