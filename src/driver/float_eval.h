// Runs the float reference network over a labelled image set, batch by batch.
#ifndef QSCALE_SRC_DRIVER_FLOAT_EVAL_H_
#define QSCALE_SRC_DRIVER_FLOAT_EVAL_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "src/driver/dataset.h"
#include "src/nn/float_engine.h"

namespace qscale::driver {

struct EvalResult {
  int images = 0;        // images evaluated
  int correct = 0;       // images whose arg-max logit equals the label (ties: lowest index)
  double top1 = 0;       // correct / images, 0..1
  double seconds = 0;    // host wall-clock seconds spent in the engine
  std::vector<int> predictions;  // arg-max class per image
};

// Called after each batch with the number of images done so far.
using ProgressFn = std::function<void(int done)>;

// Evaluates all images in batches of `batch` (>= 1). Deterministic: the result does not depend
// on `batch`.
EvalResult EvaluateFloat(const nn::FloatEngine& engine, const LabelledImages& images, int batch,
                         const ProgressFn& progress = {});

// Index of the largest of `n` logits; the lowest index wins a tie.
int ArgMax(const float* logits, int n);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_FLOAT_EVAL_H_
