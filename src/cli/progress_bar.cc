#include "src/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace qscale::cli {
namespace {

std::string Clock(double seconds) {
  const int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressBar::ProgressBar(std::string label, int64_t total, std::string unit, bool enabled)
    : label_(std::move(label)),
      total_(total > 0 ? total : 1),
      unit_(std::move(unit)),
      enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(int64_t done) {
  done_ = done;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(done, false);
}

void ProgressBar::Finish() {
  if (finished_) return;
  finished_ = true;
  Draw(done_, true);
}

void ProgressBar::Draw(int64_t done, bool final) {
  if (!enabled_) return;
  constexpr int kWidth = 30;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const std::string eta =
      final ? "done " + Clock(elapsed)
            : (rate > 0 ? "ETA " + Clock(static_cast<double>(total_ - done) / rate) : "ETA --:--");
  std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld/%lld %s, %.0f %s/s, %s\x1b[K%s", label_.c_str(),
               std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
               static_cast<int>(fraction * 100), static_cast<long long>(done),
               static_cast<long long>(total_), unit_.c_str(), rate, unit_.c_str(), eta.c_str(),
               final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace qscale::cli
