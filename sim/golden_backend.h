// The `fast` fidelity's arithmetic: each step's op computed in bulk by the golden integer engine
// (src/golden/engine.h), so no SystemC event is spent per PE or per cycle.
#ifndef QSCALE_SIM_GOLDEN_BACKEND_H_
#define QSCALE_SIM_GOLDEN_BACKEND_H_

#include "sim/backend.h"
#include "src/golden/engine.h"

namespace qscale::sim {

class GoldenBackend : public Backend {
 public:
  // `engine` must outlive the backend.
  explicit GoldenBackend(const golden::IntegerEngine& engine) : engine_(engine) {}
  void Run(const Step& step, const StepTiming& timing, int images, Values& values) override;

  // Runs op `op` of the engine's network over `values` (shared with the rtl backend for the ops
  // it does not simulate).
  static void RunOp(const golden::IntegerEngine& engine, int op, int images, Values& values);

 private:
  const golden::IntegerEngine& engine_;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_GOLDEN_BACKEND_H_
