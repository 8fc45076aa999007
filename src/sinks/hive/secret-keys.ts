/** Settings of the Hive sink whose values are credentials (collected by the secret rule, src/secrets.ts); HIVE_KEYTAB is
 * among the original's credentials in src/sinks/secret-keys.ts. */
export const HIVE_SECRET_KEYS: readonly string[] = ['HIVE_PASSWORD'];
