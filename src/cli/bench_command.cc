#include "src/cli/bench_command.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "src/cli/run_command.h"
#include "src/cli/terminal_progress.h"
#include "src/driver/bench_job.h"
#include "src/report/atomic_file.h"
#include "src/report/run_report.h"

namespace qscale::cli {

int RunBenchCommand(const BenchArgs& args, std::ostream& out) {
  const config::RunConfig config =
      PrepareJob(args.config, args.overrides, args.images, args.threads, args.json);
  TerminalProgress progress(!args.quiet);
  driver::BenchOptions options;
  options.golden_images = args.golden_images;
  options.pairs = args.pairs;
  const driver::BenchResult result = driver::RunBench(config, options, progress);

  out << fmt::format(
      "bench      {} on a {}x{} array, {}; golden {} images, {} {} images per "
      "sample\n",
      result.network, result.rows, result.cols, result.fidelity, result.golden_images,
      result.fidelity, result.images);
  out << fmt::format("{:>4}  {:>10}  {:>14}  {:>10}  {:>14}  {:>7}\n", "pair", "golden s",
                     "golden MAC/s", "accel s", "accel MAC/s", "ratio");
  const double macs = static_cast<double>(result.macs_per_image);
  std::vector<double> ratios;
  for (size_t i = 0; i < result.pairs.size(); ++i) {
    const driver::BenchPair& p = result.pairs[i];
    const double golden = report::PerSecond(macs * result.golden_images, p.golden_seconds);
    const double accelerator = report::PerSecond(macs * result.images, p.accelerator_seconds);
    const double ratio = golden > 0 ? accelerator / golden : 0.0;
    ratios.push_back(ratio);
    out << fmt::format("{:>4}  {:>10.4f}  {:>14.4g}  {:>10.4f}  {:>14.4g}  {:>6.4f}x\n", i + 1,
                       p.golden_seconds, golden, p.accelerator_seconds, accelerator, ratio);
  }
  std::sort(ratios.begin(), ratios.end());
  const size_t n = ratios.size();
  const double median = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
  out << fmt::format("median ratio of {} MAC/s to golden's: {:.4f}x\n", result.fidelity, median);
  if (!args.json.empty()) {
    report::WriteFileAtomically(args.json, driver::BenchToJson(result));
    out << "pairs      " << args.json << "\n";
  }
  return 0;
}

}  // namespace qscale::cli
