// Progress of the long stages of a run (quantizer searches, evaluation), reported to whoever
// draws it: the CLI's terminal bar, or nothing.
#ifndef QSCALE_SRC_DRIVER_PROGRESS_H_
#define QSCALE_SRC_DRIVER_PROGRESS_H_

#include <cstdint>
#include <string>

namespace qscale::driver {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A stage named `stage` starts: `total` (> 0) units of `unit` ("images", "steps").
  virtual void Begin(const std::string& stage, int64_t total, const std::string& unit) = 0;
  // `done` units of the current stage are finished.
  virtual void Update(int64_t done) = 0;
  // The current stage is over.
  virtual void End() = 0;
};

// Draws nothing.
class NoProgress : public ProgressSink {
 public:
  void Begin(const std::string&, int64_t, const std::string&) override {}
  void Update(int64_t) override {}
  void End() override {}
};

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_PROGRESS_H_
