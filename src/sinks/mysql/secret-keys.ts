/** Settings of the MySQL/MariaDB sink whose values are credentials (a password inside MYSQL_URL is one by the URL rule). */
export const MYSQL_SECRET_KEYS: readonly string[] = ['MYSQL_PASSWORD', 'MYSQL_SSL_CA_PASSWORD'];
