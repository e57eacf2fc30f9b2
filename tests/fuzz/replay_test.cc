// Replays every checked-in fuzz input through its target, in ordinary and sanitizer builds:
// the seed corpora (tests/fuzz/corpus/<target>/) must be handled without a bug, and each input
// that once crashed or broke the contract (tests/fuzz/regressions/<target>/<name>) must now give
// exactly the clean error stored beside it in <name>.expect (empty = accepted). Run with
// QSCALE_FUZZ_WRITE_EXPECT=1 to write the missing .expect files (then read them: each must be
// the clean message the input deserves). The working directory in a message is written <cwd>.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/fuzz/fuzz_targets.h"

namespace qscale::fuzz {
namespace {

namespace fs = std::filesystem;

struct FuzzInput {
  std::string target;  // FuzzTarget::name
  fs::path path;
  bool regression;  // from regressions/ (has a .expect file) rather than corpus/
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<FuzzInput> Inputs() {
  const fs::path root = fs::path(QSCALE_SOURCE_DIR) / "tests" / "fuzz";
  std::vector<FuzzInput> inputs;
  for (const FuzzTarget& target : FuzzTargets()) {
    for (const char* kind : {"corpus", "regressions"}) {
      const fs::path dir = root / kind / target.name;
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(dir)) {
        const fs::path extension = entry.path().extension();
        if (entry.is_regular_file() && extension != ".expect" && extension != ".textproto" &&
            entry.path().filename() != "README.md") {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        inputs.push_back({target.name, file, std::string(kind) == "regressions"});
      }
    }
  }
  return inputs;
}

std::string TestName(const ::testing::TestParamInfo<FuzzInput>& info) {
  std::string name = info.param.target + "_" + (info.param.regression ? "regression_" : "seed_") +
                     info.param.path.filename().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

void PrintTo(const FuzzInput& input, std::ostream* out) { *out << input.path.string(); }

class FuzzReplay : public ::testing::TestWithParam<FuzzInput> {};

TEST_P(FuzzReplay, InputGivesACleanResult) {
  const FuzzInput& input = GetParam();
  const FuzzTarget* target = FindFuzzTarget(input.target);
  ASSERT_NE(target, nullptr);
  std::string result;
  try {
    result = target->run(ReadAll(input.path));
  } catch (const std::exception& e) {
    FAIL() << input.path << ": " << e.what();
  }
  if (input.regression) {
    // A message may name the working directory (a config path that does not resolve): stored
    // as <cwd>, so the expectation holds in any checkout.
    const std::string cwd = fs::current_path().string();
    for (size_t at = result.find(cwd); at != std::string::npos; at = result.find(cwd, at)) {
      result.replace(at, cwd.size(), "<cwd>");
    }
    fs::path expect = input.path;
    expect += ".expect";
    if (!fs::exists(expect) && std::getenv("QSCALE_FUZZ_WRITE_EXPECT") != nullptr) {
      std::ofstream(expect, std::ios::binary) << result << "\n";
    }
    ASSERT_TRUE(fs::exists(expect)) << "write the expected message to " << expect;
    std::string expected = ReadAll(expect);
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_EQ(result, expected) << input.path;
  }
}

INSTANTIATE_TEST_SUITE_P(Checked, FuzzReplay, ::testing::ValuesIn(Inputs()), TestName);

}  // namespace
}  // namespace qscale::fuzz
