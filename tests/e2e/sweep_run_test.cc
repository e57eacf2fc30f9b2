// `qscale sweep` through the binary on a small sweep (6 points, golden fidelity): a sweep killed
// with SIGKILL and resumed, and a sweep run in three shards and merged, both give exactly the
// results of an uninterrupted run, every point once.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

namespace fs = std::filesystem;

constexpr char kSpec[] = "tests/data/sweep/small.yaml";

// Runs the whole sweep into `dir` and returns it.
std::string Sweep(const std::string& dir, const std::string& extra = "") {
  fs::remove_all(dir);
  const CommandResult run =
      RunQscale(std::string("sweep ") + kSpec + " --quiet --jobs 2 --out " + dir + " " + extra);
  EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
  return dir;
}

int Finished(const std::string& dir) {
  int n = 0;
  if (!fs::exists(dir + "/points")) return 0;
  for (const auto& entry : fs::directory_iterator(dir + "/points")) {
    n += entry.path().extension() == ".json";
  }
  return n;
}

// The state letter and parent pid of process `pid` from /proc/<pid>/stat ("pid (comm) S ppid
// ..."); false when there is no such process.
bool ProcessStat(pid_t pid, char* state, pid_t* parent) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const size_t comm_end = stat.rfind(')');  // the command name may hold spaces and parentheses
  if (comm_end == std::string::npos) return false;
  std::istringstream rest(stat.substr(comm_end + 1));
  long ppid = 0;
  if (!(rest >> *state >> ppid)) return false;
  *parent = static_cast<pid_t>(ppid);
  return true;
}

// True while `pid` is a process that can still run: neither gone nor a zombie.
bool Alive(pid_t pid) {
  char state = 0;
  pid_t parent = 0;
  return ProcessStat(pid, &state, &parent) && state != 'Z' && state != 'X';
}

// The live children of `parent`.
std::vector<pid_t> ChildrenOf(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    char state = 0;
    pid_t ppid = 0;
    if (ProcessStat(pid, &state, &ppid) && ppid == parent && state != 'Z' && state != 'X') {
      children.push_back(pid);
    }
  }
  return children;
}

// The ids of results.csv's rows, which must be distinct.
std::multiset<std::string> Ids(const std::string& dir) {
  std::multiset<std::string> ids;
  std::stringstream csv(ReadFile(dir + "/results.csv"));
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) ids.insert(line.substr(line.find(',') + 1, 16));
  return ids;
}

TEST(SweepRun, KilledWithSigkillThenResumedEveryPointRunsOnceWithTheSameResults) {
  const std::string reference = Sweep(ScratchDir() + "/reference");
  const std::string dir = ScratchDir() + "/killed";
  fs::remove_all(dir);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string command = std::string("exec ") + QSCALE_BINARY + " sweep " + kSpec +
                                " --quiet --jobs 2 --out " + dir + " > /dev/null 2>&1";
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Until two points have finished and workers run the next ones, or the sweep has exited.
  // (The deadline only bounds a hung sweep; nothing below depends on how long anything took.)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  bool exited = false;
  while ((Finished(dir) < 2 || ChildrenOf(pid).empty()) &&
         std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(exited) << "the sweep finished before it was killed";
  // Stopped, the sweep starts no worker while its workers are listed; then SIGKILL.
  ASSERT_EQ(kill(pid, SIGSTOP), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
  ASSERT_TRUE(WIFSTOPPED(status));
  const std::vector<pid_t> workers = ChildrenOf(pid);
  ASSERT_FALSE(workers.empty());
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  ASSERT_EQ(waitpid(pid, nullptr, 0), pid);
  // Each worker dies with the sweep (its parent-death signal): none may go on to finish a point.
  for (const pid_t worker : workers) {
    while (Alive(worker) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(Alive(worker)) << "worker " << worker << " outlived the sweep";
  }
  const int at_kill = Finished(dir);
  ASSERT_GE(at_kill, 2);
  ASSERT_LT(at_kill, 6) << "the sweep finished before it was killed";

  const CommandResult again =
      RunQscale(std::string("sweep ") + kSpec + " --quiet --jobs 2 --out " + dir);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("pass --resume"), std::string::npos) << again.err;
  const CommandResult resumed =
      RunQscale(std::string("sweep ") + kSpec + " --quiet --jobs 2 --resume --out " + dir);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find(std::to_string(6 - at_kill) + " run now"), std::string::npos)
      << resumed.out;
  const std::multiset<std::string> ids = Ids(dir);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 6u);
  EXPECT_EQ(ReadFile(dir + "/results.csv"), ReadFile(reference + "/results.csv"));
  EXPECT_EQ(ReadFile(dir + "/results.jsonl"), ReadFile(reference + "/results.jsonl"));
  EXPECT_EQ(ReadFile(dir + "/pareto.csv"), ReadFile(reference + "/pareto.csv"));
}

TEST(SweepRun, ThreeShardsMergedEqualTheUnshardedSweep) {
  const std::string reference = Sweep(ScratchDir() + "/reference");
  std::string dirs;
  for (int i = 0; i < 3; ++i) {
    const std::string shard = Sweep(ScratchDir() + "/shard" + std::to_string(i),
                                    "--shard " + std::to_string(i) + "/3");
    EXPECT_EQ(Finished(shard), 2);
    dirs += " " + shard;
  }
  const std::string merged = ScratchDir() + "/merged";
  fs::remove_all(merged);
  const CommandResult merge = RunQscale("sweep merge --out " + merged + dirs);
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_EQ(ReadFile(merged + "/results.csv"), ReadFile(reference + "/results.csv"));
  EXPECT_EQ(ReadFile(merged + "/results.jsonl"), ReadFile(reference + "/results.jsonl"));
  EXPECT_EQ(ReadFile(merged + "/pareto.csv"), ReadFile(reference + "/pareto.csv"));
}

}  // namespace
}  // namespace qscale::e2e
