#include "tests/e2e/run_helpers.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::e2e {
namespace {

// Removes every scratch directory this process made when the test program ends.
class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const std::string& dir : dirs) std::filesystem::remove_all(dir);
  }
  std::vector<std::string> dirs;
};

ScratchCleanup* const kCleanup =
    static_cast<ScratchCleanup*>(::testing::AddGlobalTestEnvironment(new ScratchCleanup));

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

CommandResult RunFailing(const std::string& config, const std::string& extra,
                         const std::string& command) {
  const std::string json = ScratchDir() + "/r.json";
  CommandResult run = RunQscale(command + " " + config + " --quiet " + extra + " --json " + json);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("qscale: ", 0), 0u) << run.err;
  size_t messages = 0;
  for (size_t at = run.err.find("qscale: "); at != std::string::npos;
       at = run.err.find("qscale: ", at + 1)) {
    ++messages;
  }
  EXPECT_EQ(messages, 1u) << run.err;
  for (size_t at = run.err.find('\n'); at != std::string::npos && at + 1 < run.err.size();
       at = run.err.find('\n', at + 1)) {
    EXPECT_EQ(run.err.compare(at + 1, 2, "  "), 0) << "detail lines are indented:\n" << run.err;
  }
  EXPECT_FALSE(run.err.empty() || run.err.back() != '\n') << run.err;
  EXPECT_FALSE(std::filesystem::exists(json));
  return run;
}

std::string ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string("qscale_e2e_") + info->test_suite_name() + "_" + info->name() +
                     "_" + std::to_string(::getpid());
  std::replace(name.begin(), name.end(), '/', '_');
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  if (std::filesystem::create_directories(dir)) kCleanup->dirs.push_back(dir.string());
  return dir.string();
}

CommandResult RunQscale(const std::string& arguments) {
  const std::string dir = ScratchDir() + "/streams";
  std::filesystem::create_directories(dir);
  const std::string out = dir + "/out";
  const std::string err = dir + "/err";
  const std::string command = std::string("cd ") + QSCALE_SOURCE_DIR + " && " + QSCALE_BINARY +
                              " " + arguments + " >" + out + " 2>" + err + " </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace qscale::e2e
