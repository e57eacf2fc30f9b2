#include "src/sweep/runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "src/report/atomic_file.h"
#include "src/sweep/results.h"

namespace qscale::sweep {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The sweep as sweep.json records it.
nlohmann::ordered_json Describe(const Sweep& sweep) {
  nlohmann::ordered_json json;
  json["schema"] = "qscale.sweep/1";
  json["source"] = sweep.source;
  json["fingerprint"] = sweep.fingerprint;
  json["axis_keys"] = sweep.axis_keys;
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (const Point& p : sweep.points) {
    nlohmann::ordered_json axes = nlohmann::ordered_json::array();
    for (const auto& [key, value] : p.axes) axes.push_back({key, value});
    points.push_back({{"index", p.index}, {"id", p.id}, {"axes", axes}});
  }
  json["points"] = points;
  return json;
}

// The sweep of a directory's sweep.json (points and axes only: enough for results).
Sweep Recorded(const fs::path& dir) {
  const fs::path file = dir / "sweep.json";
  if (!fs::exists(file)) {
    throw std::runtime_error(fmt::format("{}: not a sweep directory (no sweep.json)",
                                         dir.string()));
  }
  const nlohmann::json json = nlohmann::json::parse(ReadText(file));
  Sweep sweep;
  sweep.source = json.at("source");
  sweep.fingerprint = json.at("fingerprint");
  sweep.axis_keys = json.at("axis_keys").get<std::vector<std::string>>();
  for (const auto& p : json.at("points")) {
    Point point;
    point.index = p.at("index");
    point.id = p.at("id");
    for (const auto& kv : p.at("axes")) point.axes.emplace_back(kv.at(0), kv.at(1));
    sweep.points.push_back(point);
  }
  return sweep;
}

using OutcomeCache = std::map<std::string, PointOutcome>;  // finished points by id

// Rewrites the result files from the finished points of `cache`, in point order.
void WriteCachedResults(const Sweep& sweep, const fs::path& dir, OutcomeCache& cache) {
  std::vector<PointOutcome> outcomes;
  for (const Point& point : sweep.points) {
    const auto it = cache.find(point.id);
    if (it == cache.end()) continue;
    it->second.point = &point;
    outcomes.push_back(it->second);
  }
  WriteResults(sweep, outcomes, dir.string());
}

// Reads every finished point of `sweep` in `dir` into `cache`.
void ReadFinished(const Sweep& sweep, const fs::path& dir, OutcomeCache& cache) {
  for (const Point& point : sweep.points) {
    if (auto outcome = ReadPointOutcome(dir.string(), point)) cache[point.id] = *outcome;
  }
}

// The last non-empty line of `text`, without the "qscale: " prefix.
std::string LastLine(const std::string& text) {
  std::string line;
  std::stringstream in(text);
  for (std::string next; std::getline(in, next);) {
    if (!next.empty()) line = next;
  }
  if (line.rfind("qscale: ", 0) == 0) line = line.substr(8);
  return line.empty() ? "the run stopped without a message" : line;
}

// Starts a worker for `point` with `threads` host threads; returns its pid.
pid_t Spawn(const RunOptions& options, const std::string& base, const Point& point,
            const fs::path& dir, int threads) {
  std::vector<std::string> args = {options.executable, "run", base, "--quiet", "--json",
                                   (dir / "points" / (point.id + ".json")).string(),
                                   "--threads", std::to_string(threads)};
  for (const config::Override& o : point.overrides) {
    args.push_back("--set");
    args.push_back(o.key + "=" + o.value);
  }
  const std::string err = (dir / "points" / (point.id + ".stderr")).string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("sweep: cannot start a worker process (fork failed)");
  if (pid == 0) {
    // A worker dies with the sweep, so a killed sweep leaves no half-finished point behind.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int null = open("/dev/null", O_WRONLY);
    const int log = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    if (log >= 0) dup2(log, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

RunSummary RunSweep(const Sweep& sweep, const RunOptions& options,
                    const SweepProgress& progress) {
  const fs::path dir = options.out_dir;
  fs::create_directories(dir / "points");
  const fs::path recorded = dir / "sweep.json";
  if (fs::exists(recorded)) {
    const Sweep old = Recorded(dir);
    if (old.fingerprint != sweep.fingerprint) {
      throw std::runtime_error(fmt::format(
          "{0}: holds the results of another sweep ({1}), or of this one before its points, run "
          "options or base config changed; its results would not compare with the new ones. "
          "Choose another --out, or remove {0} to run the sweep afresh",
          dir.string(), old.source));
    }
  }
  // One pass over the directory: what has finished (of every shard, for the result files) and
  // what this run has left to do.
  OutcomeCache cache;
  ReadFinished(sweep, dir, cache);
  RunSummary summary;
  std::vector<const Point*> todo;
  for (const Point& point : sweep.points) {
    if (point.index % options.shards != options.shard) continue;
    ++summary.selected;
    if (cache.count(point.id) > 0) {
      ++summary.skipped;
    } else {
      todo.push_back(&point);
    }
  }
  if (summary.skipped > 0 && !options.resume) {
    throw std::runtime_error(fmt::format(
        "{}: holds {} finished points of this sweep; pass --resume to run the rest, or choose "
        "another --out",
        dir.string(), summary.skipped));
  }
  report::WriteFileAtomically((dir / "sweep.json").string(), Describe(sweep).dump(1) + "\n");
  std::string base = sweep.base_path;
  if (base.empty()) {
    base = (dir / "base.yaml").string();
    report::WriteFileAtomically(base, sweep.base_yaml + "\n");
  }

  const int total = static_cast<int>(todo.size());
  if (progress) progress(0, total);
  std::map<pid_t, const Point*> running;
  size_t next = 0;
  int done = 0;
  const int jobs = std::max(options.jobs, 1);
  // The cores are shared out between the workers (results never depend on it).
  const int threads =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / jobs);
  // The result files are rewritten when a point finishes at least `interval` after the last
  // rewrite; a point that finishes sooner leaves them `stale`, and they are rewritten once the
  // interval is over even if no other point has finished by then.
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::duration<double>(kResultsRewriteSeconds);
  std::optional<Clock::time_point> written;  // the last rewrite
  bool stale = false;
  while (next < todo.size() || !running.empty()) {
    while (next < todo.size() && static_cast<int>(running.size()) < jobs) {
      running[Spawn(options, base, *todo[next], dir, threads)] = todo[next];
      ++next;
    }
    int status = 0;
    pid_t pid = 0;
    while ((pid = waitpid(-1, &status, stale ? WNOHANG : 0)) == 0) {
      if (Clock::now() - *written >= interval) {
        WriteCachedResults(sweep, dir, cache);
        written = Clock::now();
        stale = false;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    if (pid < 0) throw std::runtime_error("sweep: lost track of a worker process");
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Point& point = *it->second;
    running.erase(it);
    const fs::path err = dir / "points" / (point.id + ".stderr");
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                    fs::exists(dir / "points" / (point.id + ".json"));
    if (!ok) {
      report::WriteFileAtomically((dir / "points" / (point.id + ".error")).string(),
                                  LastLine(ReadText(err)));
    }
    fs::remove(err);
    ++summary.ran;
    if (auto outcome = ReadPointOutcome(dir.string(), point)) cache[point.id] = *outcome;
    stale = written && Clock::now() - *written < interval;
    if (!stale) {
      WriteCachedResults(sweep, dir, cache);
      written = Clock::now();
    }
    if (progress) progress(++done, total);
  }
  WriteCachedResults(sweep, dir, cache);
  for (const Point& point : sweep.points) {
    if (point.index % options.shards != options.shard) continue;
    const auto it = cache.find(point.id);
    summary.failed += it != cache.end() && !it->second.ok;
  }
  return summary;
}

std::optional<PointOutcome> ReadPointOutcome(const std::string& dir, const Point& point) {
  const fs::path report = fs::path(dir) / "points" / (point.id + ".json");
  const fs::path error = fs::path(dir) / "points" / (point.id + ".error");
  PointOutcome outcome;
  outcome.point = &point;
  if (fs::exists(error)) {  // the run failed, whatever report it may have left
    outcome.error = ReadText(error);
    return outcome;
  }
  if (!fs::exists(report)) return std::nullopt;
  try {
    outcome.report = nlohmann::ordered_json::parse(ReadText(report));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(fmt::format("{}: not a qscale report ({}); remove it to run the "
                                         "point again",
                                         report.string(), e.what()));
  }
  outcome.ok = true;
  return outcome;
}

void MergeSweeps(const std::vector<std::string>& dirs, const std::string& out_dir) {
  if (dirs.empty()) throw std::runtime_error("sweep merge: no directories to merge");
  const Sweep sweep = Recorded(dirs.front());
  const fs::path out = out_dir;
  fs::create_directories(out / "points");
  for (const std::string& d : dirs) {
    const Sweep other = Recorded(d);
    if (other.fingerprint != sweep.fingerprint) {
      throw std::runtime_error(fmt::format("sweep merge: {} holds another sweep ({}) than {} ({})",
                                           d, other.source, dirs.front(), sweep.source));
    }
    for (const Point& point : sweep.points) {
      for (const char* ext : {".json", ".error"}) {
        const fs::path from = fs::path(d) / "points" / (point.id + ext);
        const fs::path to = out / "points" / (point.id + ext);
        if (fs::exists(from) && !fs::equivalent(fs::path(d), out)) {
          report::WriteFileAtomically(to.string(), ReadText(from));
        }
      }
    }
  }
  report::WriteFileAtomically((out / "sweep.json").string(),
                              ReadText(fs::path(dirs.front()) / "sweep.json"));
  OutcomeCache cache;
  ReadFinished(sweep, out, cache);
  WriteCachedResults(sweep, out, cache);
}

}  // namespace qscale::sweep
