// Runs a quantized network on the simulated accelerator (sim/simulator.h) over a labelled image
// set, batch by batch: lowering, input quantization, arg-max of the output integers.
#ifndef QSCALE_SRC_DRIVER_ACCELERATOR_EVAL_H_
#define QSCALE_SRC_DRIVER_ACCELERATOR_EVAL_H_

#include <cstdint>
#include <vector>

#include "sim/program.h"
#include "sim/simulator.h"
#include "src/driver/dataset.h"
#include "src/driver/float_eval.h"
#include "src/golden/engine.h"

namespace qscale::driver {

struct AcceleratorResult {
  EvalResult eval;             // accuracy and host seconds
  int64_t cycles = 0;          // simulated cycles of all batches
  std::vector<int32_t> logits;  // images x classes output integers, when kept
};

// Evaluates `images` on `simulator` in batches of `batch` (the last may be smaller), each lowered
// onto `hardware`. `engine` (the golden engine of the same network) quantizes the input images.
// With `keep_logits` the output integers of every image are returned.
AcceleratorResult EvaluateOnAccelerator(sim::Simulator& simulator, const golden::IntegerEngine& engine,
                                        const sim::HardwareConfig& hardware,
                                        const LabelledImages& images, int batch, bool keep_logits,
                                        const ProgressFn& progress = {});

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_ACCELERATOR_EVAL_H_
