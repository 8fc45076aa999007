#!/usr/bin/env bash
# Python readers for the file-sink read-back tests (test/helpers/readback.py): pyarrow (Parquet, CSV, JSON types)
# and fastavro (Avro). Idempotent: does nothing when the pinned versions are already importable.
set -euo pipefail
PYTHON="${PYTHON:-python3}"
if "$PYTHON" - <<'PY' 2>/dev/null
import importlib.metadata as m
assert m.version('pyarrow') == '18.1.0' and m.version('fastavro') == '1.9.7'
PY
then
  echo "file-sinks: pyarrow 18.1.0 and fastavro 1.9.7 already installed"
  exit 0
fi
if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3-pip >/dev/null
fi
# A Debian system Python refuses pip installs (PEP 668) unless told otherwise; these are test-only readers.
PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install --quiet --disable-pip-version-check pyarrow==18.1.0 fastavro==1.9.7
echo "file-sinks: installed pyarrow 18.1.0 and fastavro 1.9.7"
