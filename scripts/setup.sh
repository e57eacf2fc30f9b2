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

bash scripts/install_packages.sh "${packages[@]}"

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j"$jobs" >&2
