#!/usr/bin/env bash
# Installs the Debian 12 packages qscale needs (only those missing; sudo only when not root),
# then configures and builds qscale in build/. Idempotent: a second run installs nothing and
# rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  verilator libsystemc-dev yosys
  libeigen3-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev zlib1g-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  libgtest-dev libbenchmark-dev
  dataset-fashion-mnist
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
fi

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j"$jobs" >&2
