#include "src/quant/requantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "src/golden/requantize.h"

namespace qscale::quant {
namespace {

constexpr int kAddMultiplierBits = 15;
constexpr int kAddMaxShift = 40;

int64_t RoundToInt64(double x) { return static_cast<int64_t>(std::llround(x)); }

}  // namespace

bool OwnsFormat(const qnn::Network& network, int value) {
  if (value == network.input) return true;
  for (const qnn::Op& op : network.ops) {
    if (op.output == value) return qnn::IsArrayOp(op.kind) || op.kind == qnn::OpKind::kAdd;
  }
  return false;
}

void AssignUniformFormats(Lowered& lowered, const std::vector<double>& max_abs, int bits) {
  qnn::Network& network = lowered.network;
  const double top = std::ldexp(1.0, bits - 1) - 1;
  for (size_t v = 0; v < network.values.size(); ++v) {
    qnn::Value& value = network.values[v];
    value.bits = bits;
    const double range = max_abs[lowered.range_of[v]];
    value.scale = (range > 0 ? range : 1.0) / top;
  }
  PropagateFormats(network);
}

void PropagateFormats(qnn::Network& network) {
  for (const qnn::Op& op : network.ops) {
    if (qnn::IsArrayOp(op.kind) || op.kind == qnn::OpKind::kAdd) continue;
    network.values[op.output].bits = network.values[op.inputs[0]].bits;
    network.values[op.output].scale = network.values[op.inputs[0]].scale;
  }
}

std::vector<std::vector<double>> CorrectedBiases(const Lowered& lowered, const nn::Graph& graph,
                                                 const Calibration& calibration) {
  const qnn::Network& network = lowered.network;
  std::vector<std::vector<double>> biases(network.ops.size());
  for (size_t i = 0; i < network.ops.size(); ++i) {
    const qnn::Op& op = network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    const nn::Node& node = graph.nodes[lowered.op_node[i]];
    const std::vector<double>& mean = calibration.channel_mean[node.inputs[0]];
    const qnn::Layer& layer = op.layer;
    const int taps = op.kind == qnn::OpKind::kConv ? op.kernel_h * op.kernel_w : 1;
    std::vector<double>& bias = biases[i];
    bias.assign(node.bias.begin(), node.bias.end());
    for (int r = 0; r < layer.rows; ++r) {
      for (int k = 0; k < layer.k; ++k) {
        const size_t at = static_cast<size_t>(r) * layer.k + k;
        const double error = node.weights[at] - layer.weight_scale[r] * layer.weights[at];
        bias[r] += error * mean[k / taps];
      }
    }
  }
  return biases;
}

void QuantizeBiases(Lowered& lowered, const std::vector<std::vector<double>>& float_bias) {
  qnn::Network& network = lowered.network;
  for (size_t i = 0; i < network.ops.size(); ++i) {
    qnn::Op& op = network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    qnn::Layer& layer = op.layer;
    const double s_in = network.values[op.inputs[0]].scale;
    layer.bias.resize(layer.rows);
    for (int r = 0; r < layer.rows; ++r) {
      const double q = std::round(float_bias[i][r] / (s_in * layer.weight_scale[r]));
      layer.bias[r] = static_cast<int64_t>(
          std::clamp(q, static_cast<double>(std::numeric_limits<int32_t>::min()),
                     static_cast<double>(std::numeric_limits<int32_t>::max())));
    }
    layer.storage.bias_bits = int64_t{32} * layer.rows;
  }
}

void FinishRequantization(qnn::Network& network) {
  for (qnn::Op& op : network.ops) {
    const double s_out = network.values[op.output].scale;
    if (qnn::IsArrayOp(op.kind)) {
      qnn::Layer& layer = op.layer;
      const double s_in = network.values[op.inputs[0]].scale;
      layer.requant.resize(layer.rows);
      for (int r = 0; r < layer.rows; ++r) {
        const golden::QuantizedMultiplier m =
            golden::QuantizeMultiplier(s_in * layer.weight_scale[r] / s_out);
        layer.requant[r] = {m.multiplier, m.shift};
      }
    } else if (op.kind == qnn::OpKind::kAdd) {
      const double ma = network.values[op.inputs[0]].scale / s_out;
      const double mb = network.values[op.inputs[1]].scale / s_out;
      const double limit = std::ldexp(1.0, kAddMultiplierBits);
      int shift = kAddMaxShift;
      while (shift > 0 && RoundToInt64(std::max(ma, mb) * std::ldexp(1.0, shift)) >= limit) {
        --shift;
      }
      op.add.shift = shift;
      op.add.a_multiplier = static_cast<int32_t>(
          std::min<int64_t>(RoundToInt64(ma * std::ldexp(1.0, shift)), static_cast<int64_t>(limit) - 1));
      op.add.b_multiplier = static_cast<int32_t>(
          std::min<int64_t>(RoundToInt64(mb * std::ldexp(1.0, shift)), static_cast<int64_t>(limit) - 1));
    }
  }
}

}  // namespace qscale::quant
