/** Settings of the PostgreSQL sink whose values are credentials (a password inside POSTGRESQL_URL is one by the URL rule). */
export const POSTGRESQL_SECRET_KEYS: readonly string[] = ['POSTGRESQL_PASSWORD', 'POSTGRESQL_SSL_CA_PASSWORD'];
