#!/usr/bin/env bash
# OpenLDAP for the LDAP sign-in tests (test/helpers/services/ldap.ts): Debian's slapd and ldap-utils (ldapadd).
# The package's own server is not used (policy-rc.d keeps it stopped); each test file starts its own slapd with a
# generated slapd.conf and an mdb database in a temp dir. Idempotent: does nothing when both are installed.
set -euo pipefail
if command -v slapd >/dev/null 2>&1 || [ -x /usr/sbin/slapd ]; then
  if command -v ldapadd >/dev/null 2>&1; then
    echo "ldap: slapd and ldap-utils already installed"
    exit 0
  fi
fi
apt-get update -qq
# slapd's debconf would ask for a domain and admin password: pre-answer "do not configure".
echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
echo "ldap: installed slapd ldap-utils"
