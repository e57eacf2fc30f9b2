// A driver::ProgressSink that draws each stage of a job as its own terminal progress bar.
#ifndef QSCALE_SRC_CLI_TERMINAL_PROGRESS_H_
#define QSCALE_SRC_CLI_TERMINAL_PROGRESS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "src/cli/progress_bar.h"
#include "src/driver/progress.h"

namespace qscale::cli {

class TerminalProgress : public driver::ProgressSink {
 public:
  // Draws nothing unless `enabled` (and stderr is a terminal, see ProgressBar).
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

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_TERMINAL_PROGRESS_H_
