// The training images a quantizer may look at: a seeded draw of calibration images and, disjoint
// from them, validation images (for the `fixed` search). The test set is never drawn from.
#ifndef QSCALE_SRC_DRIVER_TRAINING_SPLIT_H_
#define QSCALE_SRC_DRIVER_TRAINING_SPLIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/driver/dataset.h"
#include "src/quant/quantize.h"

namespace qscale::driver {

struct TrainingSplit {
  LabelledImages calibration;
  LabelledImages validation;
};

// A permutation of 0..n-1 drawn with std::mt19937(seed) by Fisher-Yates with rejection sampling:
// the same on every platform and standard library (std::shuffle is not).
std::vector<int> SeededPermutation(int n, uint32_t seed);

// Reads the training IDX pair and takes the first `calibration_count` images of
// SeededPermutation(total, seed) as calibration and the next `validation_count` as validation.
// Throws nn::DataError when the files are bad or hold fewer than calibration_count +
// validation_count images (the message names the keys to lower).
TrainingSplit LoadTrainingSplit(const std::string& images_path, const std::string& labels_path,
                                int calibration_count, int validation_count, uint32_t seed);

// The quantizers' view of `split` (pointers into it: `split` must outlive the result).
quant::QuantData QuantDataOf(const TrainingSplit& split);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_TRAINING_SPLIT_H_
