#include "src/golden/engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>

#include <Eigen/Core>
#include <fmt/format.h>

#include "src/golden/int_kernels.h"
#include "src/golden/requantize.h"
#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMap = Eigen::Map<RowMatrix>;
using ConstRowMap = Eigen::Map<const RowMatrix>;

// Largest |partial sum| any row of the layer can reach: |bias| + sum |w_eff| * max |act|.
double PartialSumBound(const qnn::Layer& layer, const std::vector<double>& weights, int act_bits) {
  const double act = std::ldexp(1.0, act_bits - 1);
  double worst = 0;
  for (int r = 0; r < layer.rows; ++r) {
    double sum = std::fabs(static_cast<double>(layer.bias[r]));
    for (int k = 0; k < layer.k; ++k) sum += std::fabs(weights[size_t(r) * layer.k + k]) * act;
    worst = std::max(worst, sum);
  }
  return worst;
}

void CheckLayer(const qnn::Network& network, const qnn::Op& op) {
  const qnn::Layer& layer = op.layer;
  const size_t rows = static_cast<size_t>(layer.rows);
  if (layer.weights.size() != rows * layer.k || layer.bias.size() != rows ||
      layer.requant.size() != rows || layer.row_kind.size() != rows ||
      layer.row_weight_bits.size() != rows) {
    throw std::invalid_argument(
        fmt::format("{}: layer \"{}\" is inconsistent (sizes of its per-row fields)",
                    network.source, op.name));
  }
}

}  // namespace

int ArgMaxInt(const int32_t* values, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

IntegerEngine::IntegerEngine(const qnn::Network& network, const Datapath& datapath, int threads,
                             bool reference)
    : network_(network), datapath_(datapath), threads_(std::max(threads, 1)) {
  const int values = static_cast<int>(network_.values.size());
  if (network_.input < 0 || network_.input >= values || network_.output < 0 ||
      network_.output >= values) {
    throw std::invalid_argument(fmt::format(
        "{}: IntegerEngine needs a network with an input and an output", network_.source));
  }
  classes_ = static_cast<int>(qnn::NumElements(network_.values[network_.output].shape));
  input_size_ = qnn::NumElements(network_.values[network_.input].shape);
  prepared_.resize(network_.ops.size());
  paths_.assign(network_.ops.size(), LayerPath::kGemm);
  last_use_.assign(network_.values.size(), -1);
  const double acc_max = static_cast<double>(MaxSigned(datapath_.accumulator_bits));
  for (size_t i = 0; i < network_.ops.size(); ++i) {
    const qnn::Op& op = network_.ops[i];
    for (int v : op.inputs) last_use_[v] = static_cast<int>(i);
    if (!qnn::IsArrayOp(op.kind)) continue;
    CheckLayer(network_, op);
    const qnn::Layer& layer = op.layer;
    std::vector<double>& weights = prepared_[i].weights;
    weights.resize(layer.weights.size());
    for (int r = 0; r < layer.rows; ++r) {
      for (int k = 0; k < layer.k; ++k) {
        weights[size_t(r) * layer.k + k] = EffectiveWeight(layer, r, k, datapath_);
      }
    }
    const double bound = PartialSumBound(layer, weights, network_.values[op.inputs[0]].bits);
    if (reference || bound > acc_max || bound >= std::ldexp(1.0, 53)) {
      paths_[i] = LayerPath::kSequential;
    }
  }
}

std::vector<int32_t> IntegerEngine::QuantizeInput(const float* images, int batch) const {
  const qnn::Value& input = network_.values[network_.input];
  const double lo = static_cast<double>(MinSigned(input.bits));
  const double hi = static_cast<double>(MaxSigned(input.bits));
  std::vector<int32_t> out(static_cast<size_t>(std::max(batch, 0)) * input_size_);
  for (size_t i = 0; i < out.size(); ++i) {
    const double q = std::round(static_cast<double>(images[i]) / input.scale);  // half away
    out[i] = static_cast<int32_t>(std::clamp(q, lo, hi));
  }
  return out;
}

std::vector<int32_t> IntegerEngine::Run(const int32_t* input, int batch) const {
  std::vector<int32_t> output(static_cast<size_t>(std::max(batch, 0)) * classes_);
  const int chunks = (batch + kChunkImages - 1) / kChunkImages;
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  auto work = [&] {
    try {
      for (int chunk = next++; chunk < chunks && !failed; chunk = next++) {
        const int first = chunk * kChunkImages;
        const int count = std::min(kChunkImages, batch - first);
        RunChunk(input + first * input_size_, first, count, output.data() + first * classes_,
                 nullptr);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min(threads_, chunks); ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  return output;
}

std::vector<int32_t> IntegerEngine::Run(const int32_t* input, int batch,
                                        const Observer& observer) const {
  std::vector<int32_t> output(static_cast<size_t>(std::max(batch, 0)) * classes_);
  for (int first = 0; first < batch; first += kChunkImages) {
    const int count = std::min(kChunkImages, batch - first);
    RunChunk(input + first * input_size_, first, count, output.data() + first * classes_,
             &observer);
  }
  return output;
}

void IntegerEngine::RunChunk(const int32_t* input, int first, int count, int32_t* output,
                             const Observer* observer) const {
  std::vector<std::vector<int32_t>> buffers(network_.values.size());
  buffers[network_.input].assign(input, input + count * input_size_);
  if (observer) (*observer)(network_.input, first, count, buffers[network_.input].data());
  for (size_t i = 0; i < network_.ops.size(); ++i) {
    const qnn::Op& op = network_.ops[i];
    std::vector<const std::vector<int32_t>*> inputs;
    for (int v : op.inputs) inputs.push_back(&buffers[v]);
    std::vector<int32_t>& out = buffers[op.output];
    RunOp(i, inputs, count, out);
    if (observer) (*observer)(op.output, first, count, out.data());
    for (int v : op.inputs) {
      if (last_use_[v] == static_cast<int>(i) && v != network_.output) {
        std::vector<int32_t>().swap(buffers[v]);
      }
    }
  }
  std::copy(buffers[network_.output].begin(), buffers[network_.output].end(), output);
}

void IntegerEngine::RunOp(size_t index, const std::vector<const std::vector<int32_t>*>& inputs,
                          int n, std::vector<int32_t>& out) const {
  const qnn::Op& op = network_.ops.at(index);
  const std::vector<int32_t>& in = *inputs.at(0);
  const qnn::Shape& in_shape = network_.values[op.inputs[0]].shape;
  const qnn::Value& out_value = network_.values[op.output];
  out.resize(static_cast<size_t>(n * qnn::NumElements(out_value.shape)));
  switch (op.kind) {
    case qnn::OpKind::kConv:
    case qnn::OpKind::kDense:
      ArrayOp(index, in, n, out);
      break;
    case qnn::OpKind::kMaxPool:
      MaxPoolInt(op, in_shape, out_value.shape, n, in.data(), out.data());
      break;
    case qnn::OpKind::kAvgPool:
    case qnn::OpKind::kGlobalAvgPool:
      AvgPoolInt(op, in_shape, out_value.shape, n, in.data(), out.data());
      break;
    case qnn::OpKind::kFlatten:
      std::copy(in.begin(), in.end(), out.begin());
      break;
    case qnn::OpKind::kAdd:
      AddInt(op.add, op.relu, out_value.bits, static_cast<int64_t>(out.size()), in.data(),
             inputs.at(1)->data(), out.data());
      break;
    case qnn::OpKind::kRelu:
      ReluInt(static_cast<int64_t>(out.size()), in.data(), out.data());
      break;
  }
}

void IntegerEngine::ArrayOp(size_t index, const std::vector<int32_t>& in, int n,
                            std::vector<int32_t>& out) const {
  const qnn::Op& op = network_.ops[index];
  const qnn::Layer& layer = op.layer;
  const qnn::Value& in_value = network_.values[op.inputs[0]];
  const qnn::Value& out_value = network_.values[op.output];
  const bool conv = op.kind == qnn::OpKind::kConv;
  const int64_t pixels = conv ? int64_t{out_value.shape[1]} * out_value.shape[2] : 1;
  const int64_t cols = pixels * n;
  const int64_t k = layer.k;

  // acc is rows x cols, column c = image * pixels + pixel.
  std::vector<int64_t> acc(static_cast<size_t>(layer.rows * cols));
  if (paths_[index] == LayerPath::kGemm) {
    std::vector<double> col(static_cast<size_t>(k * cols));
    if (conv) {
      Im2Col(op, in_value.shape, out_value.shape, n, in.data(), col.data());
    } else {
      for (int img = 0; img < n; ++img) {
        for (int64_t j = 0; j < k; ++j) col[j * cols + img] = in[img * k + j];
      }
    }
    RowMatrix product = ConstRowMap(prepared_[index].weights.data(), layer.rows, k) *
                        ConstRowMap(col.data(), k, cols);
    for (int r = 0; r < layer.rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        acc[r * cols + c] = layer.bias[r] + static_cast<int64_t>(product(r, c));
      }
    }
  } else {
    std::vector<int32_t> col(static_cast<size_t>(k * cols));
    if (conv) {
      Im2Col(op, in_value.shape, out_value.shape, n, in.data(), col.data());
    } else {
      for (int img = 0; img < n; ++img) {
        for (int64_t j = 0; j < k; ++j) col[j * cols + img] = in[img * k + j];
      }
    }
    const int bits = datapath_.accumulator_bits;
    for (int r = 0; r < layer.rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        int64_t sum = Saturate(layer.bias[r], bits);
        for (int64_t j = 0; j < k; ++j) {
          const int32_t act = col[j * cols + c];
          sum = SaturatingAdd(
              sum, UnitProduct(layer, r, static_cast<int>(j), act, in_value.bits, datapath_),
              bits);
        }
        acc[r * cols + c] = sum;
      }
    }
  }

  for (int img = 0; img < n; ++img) {
    for (int r = 0; r < layer.rows; ++r) {
      const qnn::Requant& rq = layer.requant[r];
      const int64_t* src = acc.data() + r * cols + img * pixels;
      int32_t* dst = out.data() + (int64_t{img} * layer.rows + r) * pixels;
      for (int64_t p = 0; p < pixels; ++p) {
        const int32_t v = Requantize(src[p], rq.multiplier, rq.shift, 0, out_value.bits);
        dst[p] = op.relu ? std::max(v, 0) : v;
      }
    }
  }
}

}  // namespace qscale::golden
