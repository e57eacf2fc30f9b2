#include "src/driver/accelerator_eval.h"

#include <algorithm>
#include <chrono>

#include "src/driver/lowering.h"

namespace qscale::driver {

AcceleratorResult EvaluateOnAccelerator(sim::Simulator& simulator,
                                        const golden::IntegerEngine& engine,
                                        const sim::HardwareConfig& hardware,
                                        const LabelledImages& images, int batch, bool keep_logits,
                                        const ProgressFn& progress) {
  AcceleratorResult result;
  EvalResult& eval = result.eval;
  eval.images = images.count;
  const int64_t image_size = nn::NumElements(images.shape);
  const int classes = engine.classes();
  const auto start = std::chrono::steady_clock::now();
  sim::Program program;
  for (int first = 0; first < images.count; first += batch) {
    const int n = std::min(batch, images.count - first);
    if (program.images != n) program = Lower(engine.network(), hardware, n);
    const std::vector<int32_t> input =
        engine.QuantizeInput(images.pixels.data() + first * image_size, n);
    const std::vector<int32_t> output = simulator.RunBatch(program, input);
    for (int i = 0; i < n; ++i) {
      const int predicted =
          golden::ArgMaxInt(output.data() + static_cast<size_t>(i) * classes, classes);
      eval.predictions.push_back(predicted);
      if (predicted == images.labels[first + i]) ++eval.correct;
    }
    if (keep_logits) result.logits.insert(result.logits.end(), output.begin(), output.end());
    if (progress) progress(first + n);
  }
  eval.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  eval.top1 = images.count ? static_cast<double>(eval.correct) / images.count : 0.0;
  result.cycles = simulator.cycles();
  return result;
}

}  // namespace qscale::driver
