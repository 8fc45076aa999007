#!/usr/bin/env bash
# Jars of the real Kafka, HBase, HDFS, Hive and Solr servers the sink tests start (test/helpers/services/): resolved from
# Maven Central with the poms in test/helpers/services/maven/ into ~/.cache/datagen-ts/maven-<svc>/lib, with a
# stamp holding the pom's sha256 (the same cache and stamp the test harness checks). Idempotent and quick when cached.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi
cache="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}"
for svc in kafka hbase hdfs hive solr; do
  pom="test/helpers/services/maven/$svc.pom.xml"
  dir="$cache/maven-$svc"
  hash=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$dir/resolved.sha256" ] && [ "$(tr -d '[:space:]' < "$dir/resolved.sha256")" = "$hash" ]; then
    echo "java-services: $svc jars cached ($(ls "$dir/lib" | wc -l) jars)"
    continue
  fi
  rm -rf "$dir/lib"
  mkdir -p "$dir"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib"
  echo "$hash" > "$dir/resolved.sha256"
  echo "java-services: $svc jars resolved ($(ls "$dir/lib" | wc -l) jars)"
done
