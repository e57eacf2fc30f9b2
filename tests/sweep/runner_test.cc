// The sweep runner's bookkeeping of an output directory: a directory of another sweep, or of this
// one before its run options or base config changed, is refused even with --resume; a resumed
// sweep's progress counts the points left, and its result files hold every finished point. The
// workers are /bin/true (each point "fails" at once without a report): no real runs.
#include "src/sweep/runner.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

// A sweep over the accelerator.csd_quality values `qualities` of the base config `base_text`,
// written to DIR/base.yaml.
Sweep Spec(const std::string& dir, const std::string& base_text, int images,
           const std::string& qualities = "1, 2") {
  std::ofstream(dir + "/base.yaml") << base_text;
  const std::string path = dir + "/sweep.yaml";
  std::ofstream(path) << "base: " << dir << "/base.yaml\n"
                      << "run: {images: " << images << ", fidelity: golden}\n"
                      << "axes: {accelerator.csd_quality: [" << qualities << "]}\n";
  return LoadSweep(path);
}

// The lines of DIR/results.csv after its header.
std::vector<std::string> ResultRows(const std::string& dir) {
  std::ifstream in(dir + "/results.csv");
  std::vector<std::string> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) rows.push_back(line);
  return rows;
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

TEST(SweepRunner, AResumedSweepCountsOnlyThePointsLeftAndWritesEveryFinishedPoint) {
  const std::string dir = Scratch();
  const Sweep sweep = Spec(dir, config::ReadConfigText("configs/default.yaml"), 10, "1, 2, 3, 4");
  RunOptions options;
  options.executable = "/bin/true";
  options.out_dir = dir + "/out";
  options.shard = 0;  // points 0 and 2
  options.shards = 2;
  std::vector<std::pair<int, int>> calls;
  const auto record = [&calls](int done, int total) { calls.emplace_back(done, total); };
  RunSweep(sweep, options, record);
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 2}, {1, 2}, {2, 2}}));
  EXPECT_EQ(ResultRows(options.out_dir).size(), 2u);

  calls.clear();
  options.shards = 1;  // the whole sweep: two points left
  options.resume = true;
  const RunSummary resumed = RunSweep(sweep, options, record);
  EXPECT_EQ(resumed.selected, 4);
  EXPECT_EQ(resumed.skipped, 2);
  EXPECT_EQ(resumed.ran, 2);
  EXPECT_EQ(resumed.failed, 4);  // /bin/true writes no report
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 2}, {1, 2}, {2, 2}}));
  const std::vector<std::string> rows = ResultRows(options.out_dir);
  ASSERT_EQ(rows.size(), 4u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rfind(std::to_string(i) + "," + sweep.points[i].id + ",", 0), 0u) << rows[i];
    EXPECT_NE(rows[i].find(",error,"), std::string::npos) << rows[i];
  }
  const std::optional<PointOutcome> outcome = ReadPointOutcome(options.out_dir, sweep.points[3]);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->ok);
  EXPECT_EQ(outcome->error, "the run stopped without a message");

  calls.clear();  // nothing left: one call, 0 of 0
  RunSweep(sweep, options, record);
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 0}}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace qscale::sweep
