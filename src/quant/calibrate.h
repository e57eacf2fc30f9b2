// Activation ranges from calibration images (training images, never the test set): the float
// reference network is run over them and the largest magnitude of every value is recorded.
#ifndef QSCALE_SRC_QUANT_CALIBRATE_H_
#define QSCALE_SRC_QUANT_CALIBRATE_H_

#include <vector>

#include "src/nn/graph.h"

namespace qscale::quant {

// What calibration measured of every nn value.
struct Calibration {
  std::vector<double> max_abs;                     // per value id: max |x|, >= 0
  std::vector<std::vector<double>> channel_mean;   // per value id: mean of each channel
                                                   // (over images and H x W; {F}: per element)
};

// Runs the float reference over `count` >= 1 images (image-major, pixel / 255).
Calibration Calibrate(const nn::Graph& graph, const float* images, int count);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_CALIBRATE_H_
