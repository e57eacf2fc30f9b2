// The sweep runner's bookkeeping of an output directory: a directory of another sweep, or of this
// one before its run options or base config changed, is refused even with --resume. The workers
// are /bin/true (each point "fails" at once without a report): no real runs.
#include "src/sweep/runner.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "src/config/config_node.h"

namespace qscale::sweep {
namespace {

namespace fs = std::filesystem;

std::string Scratch() {
  const fs::path dir = fs::temp_directory_path() /
                       ("qscale_runner_" + std::to_string(::getpid()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

Sweep Spec(const std::string& dir, const std::string& base_text, int images) {
  std::ofstream(dir + "/base.yaml") << base_text;
  const std::string path = dir + "/sweep.yaml";
  std::ofstream(path) << "base: " << dir << "/base.yaml\n"
                      << "run: {images: " << images << ", fidelity: golden}\n"
                      << "axes: {accelerator.csd_quality: [1, 2]}\n";
  return LoadSweep(path);
}

// The message RunSweep throws, or "" when it runs.
std::string ErrorOf(const Sweep& sweep, const RunOptions& options) {
  try {
    RunSweep(sweep, options);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(SweepRunner, ResumeRefusesADirectoryWhoseRunOptionsOrBaseConfigChanged) {
  const std::string dir = Scratch();
  const std::string base = config::ReadConfigText("configs/default.yaml");
  RunOptions options;
  options.executable = "/bin/true";
  options.out_dir = dir + "/out";
  const RunSummary first = RunSweep(Spec(dir, base, 10), options);
  ASSERT_EQ(first.ran, 2);
  ASSERT_EQ(first.failed, 2);  // /bin/true writes no report

  std::string edited = base;  // the base file edited in place: 8 PE rows instead of 16
  ASSERT_NE(edited.find("rows: 16"), std::string::npos);
  edited.replace(edited.find("rows: 16"), 8, "rows: 8 ");
  options.resume = true;
  EXPECT_EQ(ErrorOf(Spec(dir, base, 10), options), "");  // the same sweep resumes
  for (const Sweep& changed : {Spec(dir, base, 20),  // run: {images: ...} edited
                               Spec(dir, edited, 10)}) {
    const std::string error = ErrorOf(changed, options);
    EXPECT_NE(error.find(options.out_dir + ": holds the results of another sweep"),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("Choose another --out, or remove " + options.out_dir), std::string::npos)
        << error;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace qscale::sweep
