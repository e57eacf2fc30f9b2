#include "src/quant/int8.h"

#include <algorithm>
#include <cmath>

#include "src/quant/layer_init.h"

namespace qscale::quant {

void QuantizeInt8Weights(const nn::Node& node, qnn::Layer& layer) {
  constexpr int kBits = 8;
  constexpr double kTop = 127;
  InitLayer(layer, kBits);
  for (int r = 0; r < layer.rows; ++r) {
    const float* w = node.weights.data() + static_cast<size_t>(r) * layer.k;
    double max_abs = 0;
    for (int k = 0; k < layer.k; ++k) max_abs = std::max(max_abs, std::fabs(double{w[k]}));
    const double scale = max_abs > 0 ? max_abs / kTop : 1.0;
    layer.weight_scale[r] = scale;
    for (int k = 0; k < layer.k; ++k) {
      layer.weights[static_cast<size_t>(r) * layer.k + k] =
          static_cast<int32_t>(std::clamp(std::round(w[k] / scale), -kTop, kTop));
    }
  }
  layer.code = qnn::IntCoding{kBits, false, 0, 32, 0};
  layer.storage.code_bits = int64_t{kBits} * layer.rows * layer.k;
  layer.storage.param_bits = int64_t{32} * layer.rows;
}

}  // namespace qscale::quant
