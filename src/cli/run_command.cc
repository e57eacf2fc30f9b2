#include "src/cli/run_command.h"

#include <memory>

#include <fmt/format.h>

#include "src/cli/progress_bar.h"
#include "src/config/run_config.h"
#include "src/driver/progress.h"
#include "src/driver/run_job.h"
#include "src/golden/host_threads.h"
#include "src/report/atomic_file.h"
#include "src/report/run_report.h"

namespace qscale::cli {
namespace {

// Draws each stage of the run as its own terminal progress bar.
class TerminalProgress : public driver::ProgressSink {
 public:
  explicit TerminalProgress(bool enabled) : enabled_(enabled) {}
  void Begin(const std::string& stage, int64_t total, const std::string& unit) override {
    bar_ = std::make_unique<ProgressBar>(stage, total, unit, enabled_);
  }
  void Update(int64_t done) override {
    if (bar_) bar_->Update(done);
  }
  void End() override {
    if (bar_) bar_->Finish();
    bar_.reset();
  }

 private:
  bool enabled_;
  std::unique_ptr<ProgressBar> bar_;
};

}  // namespace

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
