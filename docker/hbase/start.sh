#!/usr/bin/env bash
# Starts HBase standalone, then the REST gateway in the foreground.
set -euo pipefail
/opt/hbase/bin/hbase-daemon.sh start master
exec /opt/hbase/bin/hbase rest start -p 8080
