/** Settings of the Kudu sink whose values are credentials (collected by the secret rule, src/secrets.ts). */
export const KUDU_SECRET_KEYS: readonly string[] = ['KUDU_KEYTAB'];
