#!/usr/bin/env bash
# Kudu for the Kudu sink's tests, and the sink's bridge: the kudu-binary jar (kudu-master, kudu-tserver and the kudu CLI,
# test/helpers/services/maven/kudu.pom.xml) into ~/.cache/datagen-ts/maven-kudu/lib, and the bridge's kudu-client jars
# (src/sinks/kudu/bridge/pom.xml) into ~/.cache/datagen-ts/kudu-bridge/lib, each with a stamp holding its pom's sha256
# (the stamps the test harness and src/jvm/build-cache.ts check; the harness unpacks the binaries and javac compiles
# the bridge on first use). Needs java and mvn (java-services.sh installs them). Idempotent and quick when cached.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi
cache="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}"
for pair in "test/helpers/services/maven/kudu.pom.xml:$cache/maven-kudu" "src/sinks/kudu/bridge/pom.xml:$HOME/.cache/datagen-ts/kudu-bridge"; do
  pom="${pair%%:*}"
  dir="${pair#*:}"
  hash=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$dir/resolved.sha256" ] && [ "$(tr -d '[:space:]' < "$dir/resolved.sha256")" = "$hash" ]; then
    echo "kudu: $pom jars cached ($(ls "$dir/lib" | wc -l) jars)"
    continue
  fi
  rm -rf "$dir/lib"
  mkdir -p "$dir"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib"
  echo "$hash" > "$dir/resolved.sha256"
  echo "kudu: $pom jars resolved ($(ls "$dir/lib" | wc -l) jars)"
done
