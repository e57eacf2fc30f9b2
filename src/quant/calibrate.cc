#include "src/quant/calibrate.h"

#include <algorithm>
#include <cmath>

#include "src/nn/float_engine.h"

namespace qscale::quant {

Calibration Calibrate(const nn::Graph& graph, const float* images, int count) {
  Calibration out;
  out.max_abs.assign(graph.values.size(), 0.0);
  out.channel_mean.resize(graph.values.size());
  for (size_t v = 0; v < graph.values.size(); ++v) {
    out.channel_mean[v].assign(graph.values[v].shape[0], 0.0);
  }
  const nn::FloatEngine engine(graph, 1);
  engine.Run(images, count, [&](int value, int /*first*/, int n, const float* data) {
    const nn::Shape& shape = graph.values[value].shape;
    const int64_t size = nn::NumElements(shape);
    const int64_t plane = size / shape[0];
    double& m = out.max_abs[value];
    std::vector<double>& mean = out.channel_mean[value];
    for (int img = 0; img < n; ++img) {
      const float* x = data + img * size;
      for (int64_t i = 0; i < size; ++i) {
        m = std::max(m, static_cast<double>(std::fabs(x[i])));
        mean[i / plane] += x[i];
      }
    }
  });
  for (size_t v = 0; v < graph.values.size(); ++v) {
    const double per_channel =
        static_cast<double>(count) * nn::NumElements(graph.values[v].shape) /
        graph.values[v].shape[0];
    for (double& mean : out.channel_mean[v]) mean /= per_channel;
  }
  return out;
}

}  // namespace qscale::quant
