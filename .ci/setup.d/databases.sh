#!/usr/bin/env bash
# PostgreSQL and MariaDB servers for the relational sinks' tests (test/helpers/services/postgres.ts, mariadb.ts):
# Debian's postgresql and mariadb-server. Their package scripts do not start a server here (policy-rc.d); each test
# file starts its own instance in a temp dir. Idempotent: does nothing when both are installed.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 || need+=(mariadb-server)
if [ ${#need[@]} -eq 0 ]; then
  echo "databases: postgresql and mariadb-server already installed"
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "databases: installed ${need[*]}"
