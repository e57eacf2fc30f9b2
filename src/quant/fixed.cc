#include "src/quant/fixed.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include "src/golden/int_kernels.h"
#include "src/nn/float_engine.h"
#include "src/quant/calibrate.h"
#include "src/quant/layer_init.h"
#include "src/quant/lower.h"
#include "src/quant/requantization.h"

namespace qscale::quant {
namespace {

constexpr int kInputBits = 8;    // the images are 8-bit
constexpr int kOutputBits = 16;  // the logits, read out, not searched
constexpr int kWeightStartBits = 12;
constexpr int kBiasStartBits = 8;
constexpr int kActivationStartBits = 12;
constexpr double kTieAccuracy = 0.0015;
constexpr int kMaxLocalRounds = 8;
constexpr int kFracFieldBits = 8;  // each stored F

enum class TensorKind { kWeights, kBias, kActivation };

// One tensor the search sets a format for.
struct Tensor {
  TensorKind kind = TensorKind::kWeights;
  int node = -1;      // nn node (weights, bias)
  int value = -1;     // nn value id (activation)
  int layer = 1;      // i of "layer i of L", 1-based
  double max_abs = 0;
  int first_node = 0;  // the first node the tensor's format changes
};

int ArgMax(const float* x, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (x[i] > x[best]) best = i;
  }
  return best;
}

// The float network with some tensors quantized, scored on the validation images.
class Scorer {
 public:
  Scorer(const nn::Graph& graph, const QuantData& data)
      : graph_(graph), data_(data), weights_(graph.nodes.size()), biases_(graph.nodes.size()),
        activations_(graph.values.size()) {}

  std::optional<FixedFormat>& Format(const Tensor& t) {
    switch (t.kind) {
      case TensorKind::kWeights:
        return weights_[t.node];
      case TensorKind::kBias:
        return biases_[t.node];
      case TensorKind::kActivation:
        return activations_[t.value];
    }
    return weights_[t.node];
  }

  // The validation images run up to node `first_node` with every format set so far; tensors
  // of that node and later ones may then change without re-running the prefix.
  nn::FloatEngine::Cut Prefix(int first_node) const {
    const nn::FloatEngine engine(Quantized());
    const nn::FloatEngine::Transform fake = FakeQuantization();
    return engine.RunToCut(data_.validation, data_.validation_count, first_node, &fake);
  }

  // Top-1 on the validation images with every format set so far, from `prefix`.
  double Accuracy(const nn::FloatEngine::Cut& prefix) const {
    const nn::FloatEngine engine(Quantized());
    const nn::FloatEngine::Transform fake = FakeQuantization();
    const std::vector<float> logits = engine.RunFromCut(prefix, &fake);
    const int classes = engine.classes();
    int correct = 0;
    for (int i = 0; i < data_.validation_count; ++i) {
      correct += ArgMax(logits.data() + size_t(i) * classes, classes) ==
                 data_.validation_labels[i];
    }
    return static_cast<double>(correct) / data_.validation_count;
  }

 private:
  // The graph with every weight and bias format set so far applied.
  nn::Graph Quantized() const {
    nn::Graph graph = graph_;
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      if (weights_[i]) {
        for (float& w : graph.nodes[i].weights) w = float(FixedQuantize(w, *weights_[i]));
      }
      if (biases_[i]) {
        for (float& b : graph.nodes[i].bias) b = float(FixedQuantize(b, *biases_[i]));
      }
    }
    return graph;
  }

  // Fake quantization of the activations with a format: scale, round, clamp, unscale.
  nn::FloatEngine::Transform FakeQuantization() const {
    struct Fake {
      float scale = 0, inverse = 0, top = 0;  // scale 0: the value stays float
    };
    // An average pool rounds onto its input's grid in the integer engine (the format is
    // inherited), so the proxy rounds it too; a max pool or a ReLU stays on the grid anyway.
    std::vector<std::optional<FixedFormat>> formats = activations_;
    for (const nn::Node& node : graph_.nodes) {
      const bool average = node.op == nn::OpKind::kAvgPool ||
                           node.op == nn::OpKind::kGlobalAvgPool;
      if (average && formats[node.inputs[0]]) formats[node.output] = formats[node.inputs[0]];
    }
    std::vector<Fake> fake(formats.size());
    for (size_t v = 0; v < fake.size(); ++v) {
      if (!formats[v]) continue;
      const FixedFormat& f = *formats[v];
      fake[v] = {float(std::ldexp(1.0, f.frac)), float(std::ldexp(1.0, -f.frac)),
                 f.bits <= 1 ? 0.0f : float(std::ldexp(1.0, f.bits - 1) - 1)};
    }
    return [fake](int value, float* x, int64_t count) {
      const Fake f = fake[value];
      if (f.scale == 0) return;
      for (int64_t i = 0; i < count; ++i) {
        x[i] = std::clamp(std::round(x[i] * f.scale), -f.top, f.top) * f.inverse;
      }
    };
  }

  const nn::Graph& graph_;
  const QuantData& data_;
  std::vector<std::optional<FixedFormat>> weights_;      // by nn node
  std::vector<std::optional<FixedFormat>> biases_;       // by nn node
  std::vector<std::optional<FixedFormat>> activations_;  // by nn value
};

// Searches the format of one tensor (file comment of fixed.h) and leaves it set in `scorer`.
void SearchTensor(Scorer& scorer, const Tensor& tensor, int start_bits, double reference,
                  double budget) {
  const nn::FloatEngine::Cut prefix = scorer.Prefix(tensor.first_node);
  std::map<std::pair<int, int>, double> seen;
  auto accuracy = [&](int bits, int frac) {
    const auto key = std::make_pair(bits, frac);
    const auto it = seen.find(key);
    if (it != seen.end()) return it->second;
    scorer.Format(tensor) = FixedFormat{bits, frac};
    return seen[key] = scorer.Accuracy(prefix);
  };
  auto within = [&](int bits, int frac) {
    return (reference - accuracy(bits, frac)) / reference <= budget;
  };
  int bits = start_bits;
  int frac = NoClipFrac(tensor.max_abs, bits);
  while (bits > 1 && within(bits - 1, frac - 1)) --bits, --frac;
  while (bits > 1 && within(bits - 1, frac)) --bits;

  // The 3 x 3 local search, repeated around its choice until the choice stays put.
  for (int round = 0; round < kMaxLocalRounds; ++round) {
    std::vector<std::pair<int, int>> candidates;
    for (int db = -1; db <= 1; ++db) {
      for (int df = -1; df <= 1; ++df) {
        if (bits + db >= 1) candidates.emplace_back(bits + db, frac + df);
      }
    }
    std::optional<std::pair<int, int>> best;
    for (const auto& [b, f] : candidates) {
      if (within(b, f) && (!best || accuracy(b, f) > accuracy(best->first, best->second))) {
        best = {b, f};
      }
    }
    if (best) {
      const double top = accuracy(best->first, best->second);
      for (const auto& [b, f] : candidates) {
        if (within(b, f) && accuracy(b, f) >= top - kTieAccuracy &&
            (b < best->first ||
             (b == best->first && accuracy(b, f) > accuracy(best->first, best->second)))) {
          best = {b, f};
        }
      }
    } else {
      best = candidates.front();
      for (const auto& [b, f] : candidates) {
        if (accuracy(b, f) > accuracy(best->first, best->second)) best = {b, f};
      }
    }
    if (best->first == bits && best->second == frac) break;
    bits = best->first;
    frac = best->second;
  }
  scorer.Format(tensor) = FixedFormat{bits, frac};
}

double MaxAbs(const std::vector<float>& values) {
  double m = 0;
  for (float v : values) m = std::max(m, std::fabs(double{v}));
  return m;
}

int64_t FixedInt(double x, const FixedFormat& format) {
  return std::llround(FixedQuantize(x, format) * std::ldexp(1.0, format.frac));
}

}  // namespace

double FixedQuantize(double x, const FixedFormat& format) {
  if (format.bits <= 1) return 0;
  const double top = std::ldexp(1.0, format.bits - 1) - 1;
  const double q = std::clamp(std::round(x * std::ldexp(1.0, format.frac)), -top, top);
  return q * std::ldexp(1.0, -format.frac);
}

int NoClipFrac(double max_abs, int bits) {
  if (max_abs <= 0 || bits <= 1) return bits - 1;
  const double top = std::ldexp(1.0, bits - 1) - 1;
  int frac = static_cast<int>(std::floor(std::log2(top / max_abs)));
  while (std::round(max_abs * std::ldexp(1.0, frac)) > top) --frac;
  while (std::round(max_abs * std::ldexp(1.0, frac + 1)) <= top) ++frac;
  return frac;
}

qnn::Network QuantizeFixed(const nn::Graph& graph, const config::FixedSpec& spec,
                           const QuantData& data, const QuantProgress& progress) {
  if (data.validation_count < 1 || data.calibration_count < 1) {
    throw std::invalid_argument("QuantizeFixed: needs calibration and validation images");
  }
  Lowered lowered = LowerGraph(graph);
  const Calibration calibration = Calibrate(graph, data.calibration, data.calibration_count);

  // The tensors in search order: weights, biases, then activations, each layer by layer.
  std::vector<Tensor> weights, biases, activations;
  // The image is layer 1's input activation: searched first among the activations, from 8 bits.
  activations.push_back({TensorKind::kActivation, -1, graph.input, 1,
                         calibration.max_abs[graph.input], 0});
  int layers = 0;
  for (size_t i = 0; i < lowered.network.ops.size(); ++i) {
    const qnn::Op& op = lowered.network.ops[i];
    const int node = lowered.op_node[i];
    if (qnn::IsArrayOp(op.kind)) {
      ++layers;
      weights.push_back(
          {TensorKind::kWeights, node, -1, layers, MaxAbs(graph.nodes[node].weights), node});
      biases.push_back(
          {TensorKind::kBias, node, -1, layers, MaxAbs(graph.nodes[node].bias), node});
    }
    if ((qnn::IsArrayOp(op.kind) || op.kind == qnn::OpKind::kAdd) &&
        op.output != lowered.network.output) {
      const int value = lowered.range_of[op.output];
      activations.push_back({TensorKind::kActivation, -1, value, std::max(layers, 1),
                             calibration.max_abs[value], node});
    }
  }
  Scorer scorer(graph, data);
  const double reference = scorer.Accuracy(scorer.Prefix(0));
  if (reference <= 0) {
    throw std::invalid_argument("QuantizeFixed: the float network scores 0 on the validation set");
  }
  const int total = static_cast<int>(weights.size() + biases.size() + activations.size());
  int done = 0;
  if (progress) progress("fixed search", done, total);
  const double half = spec.budget / 2;
  for (const Tensor& t : weights) {
    SearchTensor(scorer, t, kWeightStartBits, reference, half * t.layer / layers);
    if (progress) progress("fixed search", ++done, total);
  }
  for (const Tensor& t : biases) {
    SearchTensor(scorer, t, kBiasStartBits, reference, half);
    if (progress) progress("fixed search", ++done, total);
  }
  for (const Tensor& t : activations) {
    const int start = t.value == graph.input ? kInputBits : kActivationStartBits;
    SearchTensor(scorer, t, start, reference, half + half * t.layer / layers);
    if (progress) progress("fixed search", ++done, total);
  }

  // The integer network of the chosen formats.
  qnn::Network& network = lowered.network;
  for (const Tensor& t : activations) {
    const FixedFormat& f = *scorer.Format(t);
    qnn::Value& value = network.values[lowered.value_of[t.value]];
    value.bits = std::max(f.bits, 2);
    value.scale = std::ldexp(1.0, -f.frac);
  }
  qnn::Value& logits = network.values[network.output];
  logits.bits = kOutputBits;
  logits.scale = std::ldexp(1.0, -NoClipFrac(calibration.max_abs[graph.output], kOutputBits));
  PropagateFormats(network);
  for (size_t i = 0; i < network.ops.size(); ++i) {
    qnn::Op& op = network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    const nn::Node& node = graph.nodes[lowered.op_node[i]];
    const FixedFormat wf = *scorer.Format({TensorKind::kWeights, lowered.op_node[i]});
    const FixedFormat bf = *scorer.Format({TensorKind::kBias, lowered.op_node[i]});
    qnn::Layer& layer = op.layer;
    InitLayer(layer, wf.bits);
    for (size_t j = 0; j < layer.weights.size(); ++j) {
      layer.weights[j] = static_cast<int32_t>(FixedInt(node.weights[j], wf));
    }
    std::fill(layer.weight_scale.begin(), layer.weight_scale.end(), std::ldexp(1.0, -wf.frac));
    const int in_frac = -std::ilogb(network.values[op.inputs[0]].scale);
    const int shift = in_frac + wf.frac - bf.frac;  // bias integer -> accumulator units
    layer.bias.resize(layer.rows);
    for (int r = 0; r < layer.rows; ++r) {
      const int64_t b = FixedInt(node.bias[r], bf);
      const int64_t acc = shift >= 0 ? b * (int64_t{1} << std::min(shift, 62))
                                     : golden::RoundDivHalfAway(b, int64_t{1} << std::min(-shift, 62));
      layer.bias[r] = std::clamp<int64_t>(acc, INT32_MIN, INT32_MAX);
    }
    layer.code = qnn::IntCoding{wf.bits, true, wf.frac, bf.bits, bf.frac};
    layer.storage.code_bits = int64_t{wf.bits} * layer.rows * layer.k;
    layer.storage.bias_bits = int64_t{bf.bits} * layer.rows;
    layer.storage.param_bits = 2 * kFracFieldBits;
  }
  FinishRequantization(network);
  network.scheme = "fixed";
  return network;
}

FixedCosts FixedCostRatios(const qnn::Network& network) {
  double memory = 0, memory8 = 0, mult = 0, operand = 0, mult8 = 0;
  for (const qnn::Op& op : network.ops) {
    if (!qnn::IsArrayOp(op.kind) && op.kind != qnn::OpKind::kAdd) continue;
    const qnn::Value& out = network.values[op.output];
    const double activations = static_cast<double>(qnn::NumElements(out.shape));
    memory += out.bits * activations;
    memory8 += 8 * activations;
    if (op.kind == qnn::OpKind::kAdd) continue;
    const auto& code = std::get<qnn::IntCoding>(op.layer.code);
    const double weights = static_cast<double>(op.layer.weights.size());
    memory += code.bits * weights + double(code.bias_bits) * op.layer.rows;
    memory8 += 8 * (weights + op.layer.rows);
    const double macs = static_cast<double>(qnn::OpMacs(network, op));
    mult += double(code.bits) * out.bits * macs;
    operand += double(code.bits) * network.values[op.inputs[0]].bits * macs;
    mult8 += 64 * macs;
  }
  if (memory8 <= 0 || mult8 <= 0) return {};
  return {memory / memory8, mult / mult8, operand / mult8};
}

}  // namespace qscale::quant
