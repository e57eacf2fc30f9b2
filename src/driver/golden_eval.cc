#include "src/driver/golden_eval.h"

#include <algorithm>
#include <chrono>

namespace qscale::driver {

EvalResult EvaluateGolden(const golden::IntegerEngine& engine, const LabelledImages& images,
                          int batch, const ProgressFn& progress) {
  EvalResult result;
  result.images = images.count;
  result.predictions.reserve(images.count);
  const int64_t image_size = nn::NumElements(images.shape);
  const int classes = engine.classes();
  const auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < images.count; first += batch) {
    const int n = std::min(batch, images.count - first);
    const std::vector<int32_t> input =
        engine.QuantizeInput(images.pixels.data() + first * image_size, n);
    const std::vector<int32_t> output = engine.Run(input.data(), n);
    for (int i = 0; i < n; ++i) {
      const int predicted =
          golden::ArgMaxInt(output.data() + static_cast<size_t>(i) * classes, classes);
      result.predictions.push_back(predicted);
      if (predicted == images.labels[first + i]) ++result.correct;
    }
    if (progress) progress(first + n);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.top1 = images.count ? static_cast<double>(result.correct) / images.count : 0.0;
  return result;
}

}  // namespace qscale::driver
