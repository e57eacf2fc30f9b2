#include "src/cli/sweep_command.h"

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "src/cli/progress_bar.h"
#include "src/sweep/runner.h"
#include "src/sweep/sweep_spec.h"

namespace qscale::cli {
std::string QscaleExecutable() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find the qscale binary (/proc/self/exe)");
  return self.string();
}

int RunSweepCommand(const SweepArgs& args, std::ostream& out) {
  if (args.merge) {
    sweep::MergeSweeps(args.dirs, args.out);
    out << fmt::format("merged {} sweep directories into {}\n", args.dirs.size(), args.out);
    return 0;
  }
  const sweep::Sweep spec = sweep::LoadSweep(args.spec);
  sweep::RunOptions options;
  options.executable = QscaleExecutable();
  options.out_dir = args.out.empty()
                        ? "out/sweeps/" + std::filesystem::path(args.spec).stem().string()
                        : args.out;
  options.jobs = args.jobs > 0 ? args.jobs
                               : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  options.resume = args.resume;
  options.shard = args.shard;
  options.shards = args.shards;
  // The bar counts the points this run starts: on --resume, only those still to run (the
  // summary line below tells how many had finished before).
  std::optional<ProgressBar> bar;
  const sweep::RunSummary summary =
      sweep::RunSweep(spec, options, [&bar, &args](int done, int total) {
        if (!bar) bar.emplace("sweep", total, "points", !args.quiet && total > 0);
        bar->Update(done);
      });
  if (bar) bar->Finish();
  out << fmt::format("sweep {}: {} points{} ({} run now, {} already finished), {} failed\n",
                     args.spec, summary.selected,
                     args.shards > 1 ? fmt::format(" of shard {}/{}", args.shard, args.shards) : "",
                     summary.ran, summary.skipped, summary.failed);
  out << fmt::format("results    {0}/results.csv, {0}/results.jsonl, {0}/pareto.csv\n",
                     options.out_dir);
  return summary.failed > 0 ? 1 : 0;
}

}  // namespace qscale::cli
