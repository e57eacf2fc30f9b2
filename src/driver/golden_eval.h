// Runs the golden integer engine over a labelled image set, batch by batch.
#ifndef QSCALE_SRC_DRIVER_GOLDEN_EVAL_H_
#define QSCALE_SRC_DRIVER_GOLDEN_EVAL_H_

#include "src/driver/dataset.h"
#include "src/driver/float_eval.h"
#include "src/golden/engine.h"

namespace qscale::driver {

// Evaluates all images in batches of `batch` (>= 1): input quantization, integer inference,
// arg-max of the output integers (ties: lowest index). The result does not depend on `batch`.
EvalResult EvaluateGolden(const golden::IntegerEngine& engine, const LabelledImages& images,
                          int batch, const ProgressFn& progress = {});

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_GOLDEN_EVAL_H_
