#include "src/quant/quantize.h"

#include <stdexcept>

#include "src/quant/calibrate.h"
#include "src/quant/int8.h"
#include "src/quant/lower.h"
#include "src/quant/requantization.h"

namespace qscale::quant {

qnn::Network Quantize(const nn::Graph& graph, const config::QuantSpec& spec,
                      const QuantData& data, const QuantProgress& /*progress*/) {
  if (spec.scheme == config::QuantScheme::kFloat) {
    throw std::invalid_argument("Quantize: the float scheme is not quantized");
  }
  if (data.calibration_count < 1) {
    throw std::invalid_argument("Quantize: at least one calibration image is needed");
  }
  Lowered lowered = LowerGraph(graph);
  const std::vector<double> max_abs =
      ActivationMaxAbs(graph, data.calibration, data.calibration_count);
  AssignUniformFormats(lowered, max_abs, spec.activation_bits);
  for (size_t i = 0; i < lowered.network.ops.size(); ++i) {
    qnn::Op& op = lowered.network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    const nn::Node& node = graph.nodes[lowered.op_node[i]];
    switch (spec.scheme) {
      case config::QuantScheme::kInt8:
        QuantizeInt8Weights(node, op.layer);
        break;
      default:
        throw std::invalid_argument("Quantize: scheme not built yet");
    }
  }
  QuantizeBiases(lowered, graph);
  FinishRequantization(lowered.network);
  lowered.network.scheme = std::string(config::ToString(spec.scheme));
  return lowered.network;
}

}  // namespace qscale::quant
