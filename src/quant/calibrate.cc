#include "src/quant/calibrate.h"

#include <algorithm>
#include <cmath>

#include "src/nn/float_engine.h"

namespace qscale::quant {

std::vector<double> ActivationMaxAbs(const nn::Graph& graph, const float* images, int count) {
  std::vector<double> max_abs(graph.values.size(), 0.0);
  const nn::FloatEngine engine(graph, 1);
  engine.Run(images, count, [&](int value, int /*first*/, int n, const float* data) {
    const int64_t size = n * nn::NumElements(graph.values[value].shape);
    double& m = max_abs[value];
    for (int64_t i = 0; i < size; ++i) m = std::max(m, static_cast<double>(std::fabs(data[i])));
  });
  return max_abs;
}

}  // namespace qscale::quant
