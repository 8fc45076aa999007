#!/usr/bin/env bash
# nginx (Debian's nginx-light): the basic-auth, TLS-terminating gateway the HBase tests put in front of the REST
# server, as Knox or HDInsight do (HBase's own REST server knows only SPNEGO). Run by the tests as an unprivileged
# child with its own config in a temp dir; the package's own service is not used. Idempotent.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "gateway: nginx present"
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
# The package starts its default site on port 80: not wanted on a test machine.
(systemctl disable --now nginx 2>/dev/null || service nginx stop 2>/dev/null || true) >/dev/null
echo "gateway: installed $(/usr/sbin/nginx -v 2>&1)"
