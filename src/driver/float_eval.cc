#include "src/driver/float_eval.h"

#include <algorithm>
#include <chrono>

namespace qscale::driver {

int ArgMax(const float* logits, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (logits[i] > logits[best]) best = i;
  }
  return best;
}

EvalResult EvaluateFloat(const nn::FloatEngine& engine, const LabelledImages& images, int batch,
                         const ProgressFn& progress) {
  EvalResult result;
  result.images = images.count;
  result.predictions.reserve(images.count);
  const int64_t image_size = nn::NumElements(images.shape);
  const int classes = engine.classes();
  const auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < images.count; first += batch) {
    const int n = std::min(batch, images.count - first);
    const std::vector<float> logits = engine.Run(images.pixels.data() + first * image_size, n);
    for (int i = 0; i < n; ++i) {
      const int predicted = ArgMax(logits.data() + static_cast<size_t>(i) * classes, classes);
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
