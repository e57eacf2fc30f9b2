// The fuzz targets of qscale's input loaders, shared by the libFuzzer executables (fuzz_main.cc,
// built with -DQSCALE_FUZZ=ON by scripts/fuzz.sh) and by the replay test (replay_test.cc), which
// feeds every checked-in corpus and regression input through the same code in ordinary and
// sanitizer builds.
//
// Adding a target: write its function in fuzz_targets.cc and list it in FuzzTargets(), add
// its name to QSCALE_FUZZ_TARGETS in tests/fuzz/CMakeLists.txt, and put a few small seed inputs
// in tests/fuzz/corpus/<name>/.
#ifndef QSCALE_TESTS_FUZZ_FUZZ_TARGETS_H_
#define QSCALE_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qscale::fuzz {

// An input broke the loaders' contract without crashing: an error message of the wrong shape
// (not starting with the input's name, or more than one line), or an accepted input whose result
// is inconsistent. The fuzzer reports it like a crash (the exception escapes).
class FuzzBug : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct FuzzTarget {
  const char* name;  // "config", "onnx", "idx": names the executable fuzz_<name> and the corpus
  // Feeds one input to the loader. Returns the loader's clean error message, or "" when the
  // input was accepted. Throws FuzzBug (see above); any other exception escaping, a sanitizer
  // report or a crash is a bug as well.
  std::string (*run)(std::string_view input);
  const char* input_format;  // how an input is laid out, for corpus/README.md and --help
};

// Every target, in a fixed order.
const std::vector<FuzzTarget>& FuzzTargets();

// The target called `name`; nullptr when there is none.
const FuzzTarget* FindFuzzTarget(std::string_view name);

}  // namespace qscale::fuzz

#endif  // QSCALE_TESTS_FUZZ_FUZZ_TARGETS_H_
