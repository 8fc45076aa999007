#!/usr/bin/env bash
# Jars from Maven Central, each set resolved with its pom into <dir>/lib with a stamp holding the pom's sha256 (the
# same cache and stamp the test harness and src/jvm/build-cache.ts check): the real Kafka, HBase, HDFS, Hive, Solr
# and Kudu (kudu-binary: kudu-master, kudu-tserver, the kudu CLI) servers the sink tests start
# (test/helpers/services/maven/ into ~/.cache/datagen-ts/maven-<svc>), and the Kudu sink's bridge, kudu-client
# (src/sinks/kudu/bridge/pom.xml into ~/.cache/datagen-ts/kudu-bridge; javac compiles the bridge on first use).
# Idempotent and quick when cached.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi
# The secure Kafka test broker makes its certificates with openssl (and keytool, which comes with the JDK).
if ! command -v openssl >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
fi
cache="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}"
sets=()
for svc in kafka hbase hdfs hive solr kudu; do sets+=("test/helpers/services/maven/$svc.pom.xml:$cache/maven-$svc"); done
sets+=("src/sinks/kudu/bridge/pom.xml:$HOME/.cache/datagen-ts/kudu-bridge")
for pair in "${sets[@]}"; do
  pom="${pair%%:*}"
  dir="${pair#*:}"
  hash=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$dir/resolved.sha256" ] && [ "$(tr -d '[:space:]' < "$dir/resolved.sha256")" = "$hash" ]; then
    echo "java-services: $pom jars cached ($(ls "$dir/lib" | wc -l) jars)"
    continue
  fi
  rm -rf "$dir/lib"
  mkdir -p "$dir"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib"
  echo "$hash" > "$dir/resolved.sha256"
  echo "java-services: $pom jars resolved ($(ls "$dir/lib" | wc -l) jars)"
done
