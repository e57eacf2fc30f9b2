// Activation ranges from calibration images (training images, never the test set): the float
// reference network is run over them and the largest magnitude of every value is recorded.
#ifndef QSCALE_SRC_QUANT_CALIBRATE_H_
#define QSCALE_SRC_QUANT_CALIBRATE_H_

#include <vector>

#include "src/nn/graph.h"

namespace qscale::quant {

// Per nn value id: max |x| over `count` >= 1 images (image-major, pixel / 255), >= 0.
std::vector<double> ActivationMaxAbs(const nn::Graph& graph, const float* images, int count);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_CALIBRATE_H_
