#!/usr/bin/env bash
# Fuzzes qscale's input loaders with libFuzzer: builds the fuzz targets (clang, -DQSCALE_FUZZ=ON)
# in build-fuzz/ if needed, then runs each target for its share of SECONDS (default 60), and
# prints the executions per target and whether anything crashed, leaked, ran out of memory or
# timed out. Exit code 1 when anything was found.
#
#   bash scripts/fuzz.sh 600          # ten minutes split across every target
#   bash scripts/fuzz.sh 60 onnx      # one target
#
# Seeds: tests/fuzz/corpus/<target>/ (read only); what the fuzzer learns is kept in
# build-fuzz/corpus/<target>/, crash inputs in build-fuzz/artifacts/<target>/. A crash becomes a
# regression input under tests/fuzz/regressions/<target>/ (see tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
build=build-fuzz
jobs=$(( $(nproc) < 2 ? $(nproc) : 2 ))

# clang with libFuzzer and the sanitizer runtimes (not needed by the ordinary build).
bash scripts/install_packages.sh clang libclang-rt-14-dev cmake ninja-build
if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQSCALE_FUZZ=ON \
    -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  # Every target CMake knows (QSCALE_FUZZ_TARGETS in tests/fuzz/CMakeLists.txt).
  mapfile -t targets < <(ninja -C "$build" -t targets all | sed -n 's/^fuzz_\([a-z0-9_]*\): .*/\1/p' |
                         sort -u)
fi
ninja -C "$build" -j"$jobs" "${targets[@]/#/fuzz_}" >&2

share=$(( seconds / ${#targets[@]} ))
(( share >= 1 )) || share=1
status=0
printf '%-8s %8s %12s %10s  %s\n' target seconds executions exec/s result
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  log="$build/fuzz_$t.log"
  set +e
  "$build/bin/fuzz_$t" "$corpus" "tests/fuzz/corpus/$t" "${dict[@]}" \
    -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$log" 2>&1
  code=$?
  set -e
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  found=$(grep -oE '(crash|leak|timeout|oom|slow-unit)-[0-9a-f]+' "$log" | sort -u | tr '\n' ' ' || true)
  if ((code == 0)) && [ -z "$found" ]; then
    result="ok"
  else
    result="FOUND ${found:-exit code $code} (log: $log, inputs: $artifacts)"
    status=1
  fi
  printf '%-8s %8s %12s %10s  %s\n' "$t" "$share" "${executions:-?}" "${rate:-?}" "$result"
done
exit "$status"
