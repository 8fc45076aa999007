#!/usr/bin/env bash
# Real object-store servers for the S3/Ozone, ADLS and GCS destination tests (test/helpers/services/): the s3proxy
# jar-with-dependencies from Maven Central and fake-gcs-server built with `go install`, both cached under
# ~/.cache/datagen-ts (the paths the test harness looks in). Azurite comes with `npm ci` (a devDependency).
# Idempotent and quick when cached.
set -euo pipefail
cache="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}"

S3PROXY_VERSION=4.1.0
jar="$cache/s3proxy/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
if [ -f "$jar" ]; then
  echo "object-stores: s3proxy $S3PROXY_VERSION cached"
else
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
  fi
  mkdir -p "$cache/s3proxy"
  mvn -B -q dependency:copy "-Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "-DoutputDirectory=$cache/s3proxy"
  echo "object-stores: s3proxy $S3PROXY_VERSION fetched"
fi

FAKE_GCS_VERSION=v1.56.1
gcs_bin="$cache/fake-gcs-server/$FAKE_GCS_VERSION/bin"
if [ -x "$gcs_bin/fake-gcs-server" ]; then
  echo "object-stores: fake-gcs-server $FAKE_GCS_VERSION cached"
else
  # Debian 12's golang-go (1.19) is too old for this module: the machine's own Go toolchain is needed.
  command -v go >/dev/null 2>&1 || { echo "object-stores: no Go toolchain to build fake-gcs-server"; exit 1; }
  mkdir -p "$gcs_bin"
  # About 75 s on 2 cores; the module and build caches stay in Go's own places.
  (cd /tmp && GOBIN="$gcs_bin" go install "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION")
  echo "object-stores: fake-gcs-server $FAKE_GCS_VERSION built"
fi
