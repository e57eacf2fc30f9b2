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

int RunRun(const RunArgs& args, std::ostream& out) {
  std::vector<std::string> overrides = args.overrides;
  if (args.images) overrides.push_back(fmt::format("dataset.images={}", *args.images));
  const config::RunConfig config = config::LoadRunConfig(args.config, overrides);
  if (args.threads > 0) golden::SetHostThreads(args.threads);
  // A bad report path is refused before the run, not after it.
  if (!args.json.empty()) report::CheckWritablePath(args.json);
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
