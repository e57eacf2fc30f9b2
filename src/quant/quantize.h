// Entry point of the quantizers (DESIGN.md section 1): a float graph and the `quant:` spec in, the
// quantized network (src/qnn/network.h) out. One file per scheme: int8.h, fixed.h, qsq.h,
// nuuq.h, msq.h.
#ifndef QSCALE_SRC_QUANT_QUANTIZE_H_
#define QSCALE_SRC_QUANT_QUANTIZE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "src/config/quant_spec.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

// Training images the quantizers may look at (never the test set). Image-major, pixel / 255.
struct QuantData {
  const float* calibration = nullptr;  // sets activation ranges
  int calibration_count = 0;
  const float* validation = nullptr;   // scores the `fixed` search
  const uint8_t* validation_labels = nullptr;
  int validation_count = 0;
};

// Reports progress of a long search: `done` of `total` steps of stage `what`.
using QuantProgress = std::function<void(const std::string& what, int done, int total)>;

// Quantizes `graph` with spec.scheme (not kFloat). Deterministic: the same graph, spec and data
// give the same network. Throws std::invalid_argument for a graph or spec the scheme cannot
// quantize (the message names the layer).
qnn::Network Quantize(const nn::Graph& graph, const config::QuantSpec& spec,
                      const QuantData& data, const QuantProgress& progress = {});

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_QUANTIZE_H_
