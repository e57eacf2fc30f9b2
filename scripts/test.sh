#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (ctest, both cores); then
# builds build-asan/ with -DQSCALE_SANITIZE=ON (ASan + UBSan, cmake/QscaleSanitizers.cmake) and
# runs the same tests there, except the RTL and SystemC ones (labels rtl, sim: verilated code
# and SystemC are never sanitized). Extra arguments go to both ctest runs (e.g. -L e2e,
# -R Config). QSCALE_SANITIZE=0 skips the sanitizer run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
(cd build && ctest -j"$jobs" --output-on-failure --timeout 900 "$@")

if [ "${QSCALE_SANITIZE:-1}" = 0 ]; then
  exit 0
fi
echo "test: ASan + UBSan build in build-asan/" >&2
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DQSCALE_SANITIZE=ON >/dev/null
ninja -C build-asan -j"$jobs" >&2
# Any sanitizer report fails its test (-fno-sanitize-recover=all; ASan exits non-zero, leaks
# included). Left out here, because they take minutes each under ASan and their code paths are
# covered by lighter tests of the same code (the ordinary run above runs them all): the ResNet-8
# instances of parameterized tests (the LeNet-5 instances run), the 10,000-image accuracy runs
# (QuantAccuracy, the default job, the fine-tuned runs and model-card checks), the GEMM-vs-MAC
# comparison over both networks, and the rtl e2e run (verilated code is never sanitized).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
cd build-asan
exec ctest -j"$jobs" --output-on-failure --timeout 900 -LE 'rtl|sim' \
  -E 'TestSetTop1MatchesTheModelCard|_resnet8( |$)|QuantAccuracy\.|FineTunedRun\.|Engine\.GemmPath|AcceleratorRun\.(DefaultJob|RtlGives)|Msq\.EachLayerHasExactly' \
  "$@"
