// Runs a sweep's points as parallel worker processes, each a `qscale run` of the base config with
// the point's overrides (SystemC allows one simulation per process), and keeps the output
// directory consistent at every instant:
//   DIR/sweep.json          the expansion (points, ids, axis values) and its fingerprint
//                           (sweep_spec.h), which --resume and merge compare
//   DIR/base.yaml           the inline base config, when the sweep has one
//   DIR/points/<id>.json    a finished point's report (written by `qscale run` atomically)
//   DIR/points/<id>.error   a failed point's message
//   DIR/results.csv, results.jsonl, pareto.csv   every finished point of DIR (results.h),
//                           rewritten while points finish, at most every
//                           kResultsRewriteSeconds and at most that long after a point, and
//                           once more at the end
// A killed sweep (even by SIGKILL: workers die with their parent) leaves only finished points
// behind (its result files may lag behind points/); --resume runs the others and rewrites them.
#ifndef QSCALE_SRC_SWEEP_RUNNER_H_
#define QSCALE_SRC_SWEEP_RUNNER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/sweep/results.h"
#include "src/sweep/sweep_spec.h"

namespace qscale::sweep {

struct RunOptions {
  std::string executable;  // the qscale binary the workers run
  std::string out_dir;
  int jobs = 1;            // worker processes at once, >= 1
  bool resume = false;     // skip finished points of this sweep in out_dir
  int shard = 0;           // run the points whose index % shards == shard
  int shards = 1;
};

struct RunSummary {
  int selected = 0;  // points of this shard
  int skipped = 0;   // already finished (resume)
  int ran = 0;       // run now, ok or not
  int failed = 0;    // of all finished points of this shard, the ones with an error
};

// Called once with done = 0 before the first worker starts, then after every finished point:
// `done` of `total`, where `total` counts the points this run starts (the points of its shard
// not already finished in out_dir), so a resumed sweep counts only what is left to run.
using SweepProgress = std::function<void(int done, int total)>;

// While points finish, the result files are rewritten at most this often (seconds), and at most
// this long after a point finished: rewriting them costs a pass over every finished point, and a
// sweep of quick points would otherwise spend its time there.
inline constexpr double kResultsRewriteSeconds = 2.0;

// Runs `sweep` per `options`. Throws std::runtime_error when out_dir holds another sweep, or
// finished points of this one without `resume` (the message says what to pass).
RunSummary RunSweep(const Sweep& sweep, const RunOptions& options,
                    const SweepProgress& progress = {});

// The outcome of `point` in the sweep directory `dir`: its error (DIR/points/<id>.error, which
// wins over any report a failed run left) or its report (DIR/points/<id>.json); std::nullopt
// while it has not finished. Throws std::runtime_error naming the file when a report is not
// valid JSON.
std::optional<PointOutcome> ReadPointOutcome(const std::string& dir, const Point& point);

// Joins the sweep directories `dirs` (shards of one sweep) into `out_dir` (which may be one of
// them): points are copied, results rewritten in point order. Throws std::runtime_error when the
// directories hold different sweeps.
void MergeSweeps(const std::vector<std::string>& dirs, const std::string& out_dir);

}  // namespace qscale::sweep

#endif  // QSCALE_SRC_SWEEP_RUNNER_H_
