// libFuzzer entry point of one fuzz target, chosen at build time by QSCALE_FUZZ_TARGET (its name
// in FuzzTargets()). Built only with -DQSCALE_FUZZ=ON; scripts/fuzz.sh runs the executables.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const qscale::fuzz::FuzzTarget* const target = [] {
    const qscale::fuzz::FuzzTarget* found = qscale::fuzz::FindFuzzTarget(QSCALE_FUZZ_TARGET);
    if (found == nullptr) {
      std::fprintf(stderr, "no fuzz target named %s\n", QSCALE_FUZZ_TARGET);
      std::abort();
    }
    return found;
  }();
  target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
