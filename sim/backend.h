// How the accelerator computes the integers of a step: the golden engine in bulk (`fast`), or the
// verilated RTL clocked through the step's cycles (`rtl`). Plain C++ interface; the controller
// calls it from its SystemC thread.
#ifndef QSCALE_SIM_BACKEND_H_
#define QSCALE_SIM_BACKEND_H_

#include <cstdint>
#include <vector>

#include "sim/program.h"
#include "sim/schedule.h"

namespace qscale::sim {

// The batch's tensors by qnn value id, image-major, as the golden engine lays them out.
using Values = std::vector<std::vector<int32_t>>;

class Backend {
 public:
  virtual ~Backend() = default;
  // Computes `step` for a batch of `images`: reads its op's input values, writes its output
  // value. Called from the controller's thread at cycle timing.start; a backend that simulates
  // the hardware cycle by cycle returns no later than timing.end and throws std::runtime_error
  // if the hardware's timing differs from `timing`.
  virtual void Run(const Step& step, const StepTiming& timing, int images, Values& values) = 0;
  // Whether Run reads timing.blocks (each fold's or tile's cycles); the schedule keeps them only
  // then.
  virtual bool NeedsBlockTimings() const { return false; }
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_BACKEND_H_
