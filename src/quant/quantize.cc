#include "src/quant/quantize.h"

#include <stdexcept>

#include "src/quant/calibrate.h"
#include "src/quant/fixed.h"
#include "src/quant/hessian.h"
#include "src/quant/int8.h"
#include "src/quant/lower.h"
#include "src/quant/msq.h"
#include "src/quant/nuuq.h"
#include "src/quant/qsq.h"
#include "src/quant/requantization.h"

namespace qscale::quant {

qnn::Network Quantize(const nn::Graph& graph, const config::QuantSpec& spec,
                      const QuantData& data, const QuantProgress& progress) {
  if (spec.scheme == config::QuantScheme::kFloat) {
    throw std::invalid_argument("Quantize: the float scheme is not quantized");
  }
  if (data.calibration_count < 1) {
    throw std::invalid_argument("Quantize: at least one calibration image is needed");
  }
  if (spec.scheme == config::QuantScheme::kFixed) {
    return QuantizeFixed(graph, spec.fixed, data, progress);
  }
  Lowered lowered = LowerGraph(graph);
  const Calibration calibration = Calibrate(graph, data.calibration, data.calibration_count);
  AssignUniformFormats(lowered, calibration.max_abs, spec.activation_bits);
  const bool compensated = spec.rounding == config::Rounding::kCompensated;
  const std::vector<std::vector<double>> hessians =
      compensated ? InputHessians(graph, data.calibration, data.calibration_count)
                  : std::vector<std::vector<double>>();
  for (size_t i = 0; i < lowered.network.ops.size(); ++i) {
    qnn::Op& op = lowered.network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    const nn::Node& node = graph.nodes[lowered.op_node[i]];
    const std::vector<double>* hessian = compensated ? &hessians[lowered.op_node[i]] : nullptr;
    switch (spec.scheme) {
      case config::QuantScheme::kInt8:
        QuantizeInt8Weights(node, op.layer);
        break;
      case config::QuantScheme::kQsq:
        QuantizeQsqWeights(node, spec.qsq, hessian, op.layer);
        break;
      case config::QuantScheme::kNuuq:
        QuantizeNuuqWeights(node, spec.nuuq, hessian, op.layer);
        break;
      case config::QuantScheme::kMsq:
        QuantizeMsqWeights(node, spec.msq, hessian, op.layer);
        break;
      default:
        throw std::invalid_argument("Quantize: scheme not built yet");
    }
  }
  QuantizeBiases(lowered, CorrectedBiases(lowered, graph, calibration));
  FinishRequantization(lowered.network);
  lowered.network.scheme = std::string(config::ToString(spec.scheme));
  return lowered.network;
}

}  // namespace qscale::quant
