#include "src/cli/run_command.h"

#include <fmt/format.h>

#include "src/cli/terminal_progress.h"
#include "src/config/run_config.h"
#include "src/driver/progress.h"
#include "src/driver/run_job.h"
#include "src/golden/host_threads.h"
#include "src/report/atomic_file.h"
#include "src/report/run_report.h"

namespace qscale::cli {

config::RunConfig PrepareJob(const std::string& config_path, std::vector<std::string> overrides,
                             std::optional<int> images, int threads, const std::string& json) {
  if (images) overrides.push_back(fmt::format("dataset.images={}", *images));
  config::RunConfig config = config::LoadRunConfig(config_path, overrides);
  if (threads > 0) golden::SetHostThreads(threads);
  // A bad report path is refused before the run, not after it.
  if (!json.empty()) report::CheckWritablePath(json);
  return config;
}

int RunRun(const RunArgs& args, std::ostream& out) {
  const config::RunConfig config =
      PrepareJob(args.config, args.overrides, args.images, args.threads, args.json);
  TerminalProgress progress(!args.quiet);
  sim::TraceSpec trace;
  trace.path = args.trace;
  trace.first = args.trace_first;
  trace.last = args.trace_last;
  const report::RunReport report = driver::RunJob(config, args.config, progress, trace);
  out << report::FormatSummary(report);
  if (!args.json.empty()) {
    report::WriteFileAtomically(args.json, report::ToJson(report));
    out << "report     " << args.json << "\n";
  }
  if (!args.trace.empty()) out << "trace      " << args.trace << "\n";
  return 0;
}

}  // namespace qscale::cli
