#include "src/driver/training_split.h"

#include <random>
#include <utility>

#include <fmt/format.h>

#include "src/nn/idx_reader.h"

namespace qscale::driver {
namespace {

// Uniform in 0..bound-1 (bound >= 1) from 32-bit draws, rejecting the biased tail.
uint32_t Below(std::mt19937& rng, uint32_t bound) {
  const uint32_t limit = static_cast<uint32_t>((uint64_t{1} << 32) - ((uint64_t{1} << 32) % bound));
  for (;;) {
    const uint32_t x = static_cast<uint32_t>(rng());
    if (limit == 0 || x < limit) return x % bound;
  }
}

LabelledImages Select(const LabelledImages& all, const std::vector<int>& order, int first,
                      int count) {
  LabelledImages out;
  out.count = count;
  out.shape = all.shape;
  const int64_t size = nn::NumElements(all.shape);
  out.pixels.resize(static_cast<size_t>(count * size));
  out.labels.resize(count);
  for (int i = 0; i < count; ++i) {
    const int from = order[first + i];
    std::copy(all.pixels.begin() + from * size, all.pixels.begin() + (from + 1) * size,
              out.pixels.begin() + i * size);
    out.labels[i] = all.labels[from];
  }
  return out;
}

}  // namespace

std::vector<int> SeededPermutation(int n, uint32_t seed) {
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::mt19937 rng(seed);
  for (int i = n - 1; i > 0; --i) {
    std::swap(order[i], order[Below(rng, static_cast<uint32_t>(i) + 1)]);
  }
  return order;
}

TrainingSplit LoadTrainingSplit(const std::string& images_path, const std::string& labels_path,
                                int calibration_count, int validation_count, uint32_t seed) {
  const LabelledImages all = LoadLabelledImages(images_path, labels_path, -1);
  if (int64_t{calibration_count} + validation_count > all.count) {
    throw nn::DataError(fmt::format(
        "{}: {} calibration + {} validation images requested but the training set holds {}; "
        "lower calibration.images or quant.fixed.validation_images",
        images_path, calibration_count, validation_count, all.count));
  }
  const std::vector<int> order = SeededPermutation(all.count, seed);
  TrainingSplit split;
  split.calibration = Select(all, order, 0, calibration_count);
  split.validation = Select(all, order, calibration_count, validation_count);
  return split;
}

quant::QuantData QuantDataOf(const TrainingSplit& split) {
  quant::QuantData data;
  data.calibration = split.calibration.pixels.data();
  data.calibration_count = split.calibration.count;
  data.validation = split.validation.pixels.data();
  data.validation_labels = split.validation.labels.data();
  data.validation_count = split.validation.count;
  return data;
}

}  // namespace qscale::driver
