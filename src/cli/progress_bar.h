// A progress bar with rate and ETA on stderr, drawn only when stderr is a terminal.
#ifndef QSCALE_SRC_CLI_PROGRESS_BAR_H_
#define QSCALE_SRC_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace qscale::cli {

class ProgressBar {
 public:
  // `label` precedes the bar; `total` units of work (> 0); `unit` names them ("images").
  // The bar draws only if `enabled` and stderr is a terminal.
  ProgressBar(std::string label, int64_t total, std::string unit, bool enabled = true);
  ~ProgressBar();

  // Reports `done` units finished (0..total); redraws at most 10 times a second.
  void Update(int64_t done);

  // Draws the final state and ends the line. Idempotent.
  void Finish();

 private:
  void Draw(int64_t done, bool final);

  std::string label_;
  int64_t total_;
  std::string unit_;
  bool enabled_;
  bool finished_ = false;
  int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_PROGRESS_BAR_H_
