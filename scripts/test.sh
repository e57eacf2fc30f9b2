#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (ctest, both cores).
# Extra arguments go to ctest (e.g. -L rtl, -R Config).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
exec ctest -j"$(nproc)" --output-on-failure --timeout 900 "$@"
