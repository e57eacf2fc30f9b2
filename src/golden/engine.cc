#include "src/golden/engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include <fmt/format.h>
#include <Eigen/Core>

#include "src/golden/host_threads.h"
#include "src/golden/int_kernels.h"
#include "src/golden/requantize.h"
#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

// The narrowest column range a thread takes of an op's GEMM: each range repacks the weights, so
// narrower ones would spend more on packing than they gain in balance.
constexpr int64_t kMinRangeColumns = 64;

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

// Runs fn(begin, end) over [0, n) cut into contiguous ranges of at least `min_range` (the last
// may be shorter), about kRangesPerThread per thread, on `threads` threads (the calling thread is
// one) that each take the next range as they finish one: a thread slowed by the rest of the
// machine then takes fewer ranges instead of holding up the others. Rethrows the first exception
// after every thread has joined.
template <typename Fn>
void ParallelRanges(int threads, int64_t n, int64_t min_range, const Fn& fn) {
  constexpr int64_t kRangesPerThread = 4;
  const int64_t ranges = std::clamp<int64_t>(n / std::max<int64_t>(min_range, 1), 1,
                                             int64_t{std::max(threads, 1)} * kRangesPerThread);
  threads = static_cast<int>(std::min<int64_t>(std::max(threads, 1), ranges));
  if (threads == 1) {
    fn(int64_t{0}, n);
    return;
  }
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  auto work = [&] {
    try {
      for (int64_t r = next++; r < ranges && !failed; r = next++) {
        fn(n * r / ranges, n * (r + 1) / ranges);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

// weights x col for a k x width column block `col` (row-major); exact because the caller checked
// the partial-sum bound for T.
template <typename T>
Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> GemmBlock(
    const qnn::Layer& layer, const std::vector<T>& weights, const std::vector<T>& col,
    int64_t width) {
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Map = Eigen::Map<const Matrix>;
  return Map(weights.data(), layer.rows, layer.k) * Map(col.data(), layer.k, width);
}

// Columns [begin, end) of the k x cols im2col matrix of an array op's input, k x (end - begin)
// row-major (a Dense op's matrix is its input transposed).
template <typename T>
std::vector<T> ColumnBlock(const qnn::Op& op, const qnn::Shape& in_shape,
                           const qnn::Shape& out_shape, int n, int64_t k, int64_t begin,
                           int64_t end, const std::vector<int32_t>& in) {
  const int64_t width = end - begin;
  std::vector<T> col(static_cast<size_t>(k * width));
  if (op.kind == qnn::OpKind::kConv) {
    Im2ColColumns(op, in_shape, out_shape, n, in.data(), begin, end, col.data());
  } else {
    for (int64_t img = begin; img < end; ++img) {
      for (int64_t j = 0; j < k; ++j) {
        col[j * width + img - begin] = static_cast<T>(in[img * k + j]);
      }
    }
  }
  return col;
}

void CheckLayer(const qnn::Network& network, const qnn::Op& op) {
  const qnn::Layer& layer = op.layer;
  const size_t rows = static_cast<size_t>(layer.rows);
  if (layer.weights.size() != rows * layer.k || layer.bias.size() != rows ||
      layer.requant.size() != rows || layer.row_kind.size() != rows ||
      layer.row_weight_bits.size() != rows) {
    throw std::invalid_argument(fmt::format(
        "{}: layer \"{}\" is inconsistent (sizes of its per-row fields)", network.source, op.name));
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
    : network_(network), datapath_(datapath), threads_(threads > 0 ? threads : HostThreads()) {
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
    for (const qnn::Requant& rq : layer.requant) {
      CheckRequantizeParams(rq.shift, network_.values[op.output].bits);
    }
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
    } else if (bound < std::ldexp(1.0, 24)) {
      paths_[i] = LayerPath::kGemmFloat;
      prepared_[i].weights_float.assign(weights.begin(), weights.end());
      std::vector<double>().swap(weights);
    }
  }
}

std::vector<int32_t> QuantizeToValue(const qnn::Value& value, const float* x, size_t count) {
  const double lo = static_cast<double>(MinSigned(value.bits));
  const double hi = static_cast<double>(MaxSigned(value.bits));
  std::vector<int32_t> out(count);
  for (size_t i = 0; i < count; ++i) {
    const double q = std::round(static_cast<double>(x[i]) / value.scale);  // half away
    out[i] = static_cast<int32_t>(std::clamp(q, lo, hi));
  }
  return out;
}

std::vector<int32_t> IntegerEngine::QuantizeInput(const float* images, int batch) const {
  return QuantizeToValue(network_.values[network_.input], images,
                         static_cast<size_t>(std::max(batch, 0)) * input_size_);
}

std::vector<int32_t> IntegerEngine::Run(const int32_t* input, int batch) const {
  std::vector<int32_t> output(static_cast<size_t>(std::max(batch, 0)) * classes_);
  const int chunks = (batch + kChunkImages - 1) / kChunkImages;
  const int outer = std::max(1, std::min(threads_, chunks));
  const int inner = std::max(1, threads_ / outer);  // a large op of a lone chunk splits instead
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  auto work = [&] {
    try {
      for (int chunk = next++; chunk < chunks && !failed; chunk = next++) {
        const int first = chunk * kChunkImages;
        const int count = std::min(kChunkImages, batch - first);
        RunChunk(input + first * input_size_, first, count, output.data() + first * classes_,
                 nullptr, inner);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < outer; ++t) pool.emplace_back(work);
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
    RunChunk(input + first * input_size_, first, count, output.data() + first * classes_, &observer,
             threads_);
  }
  return output;
}

void IntegerEngine::RunChunk(const int32_t* input, int first, int count, int32_t* output,
                             const Observer* observer, int threads) const {
  std::vector<std::vector<int32_t>> buffers(network_.values.size());
  buffers[network_.input].assign(input, input + count * input_size_);
  if (observer) (*observer)(network_.input, first, count, buffers[network_.input].data());
  for (size_t i = 0; i < network_.ops.size(); ++i) {
    const qnn::Op& op = network_.ops[i];
    std::vector<const std::vector<int32_t>*> inputs;
    for (int v : op.inputs) inputs.push_back(&buffers[v]);
    std::vector<int32_t>& out = buffers[op.output];
    RunOp(i, inputs, count, out, threads);
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
                          int n, std::vector<int32_t>& out, int threads) const {
  const qnn::Op& op = network_.ops.at(index);
  const std::vector<int32_t>& in = *inputs.at(0);
  const qnn::Shape& in_shape = network_.values[op.inputs[0]].shape;
  const qnn::Value& out_value = network_.values[op.output];
  out.resize(static_cast<size_t>(n * qnn::NumElements(out_value.shape)));
  switch (op.kind) {
    case qnn::OpKind::kConv:
    case qnn::OpKind::kDense:
      ArrayOp(index, in, n, out, threads);
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
                            std::vector<int32_t>& out, int threads) const {
  const qnn::Op& op = network_.ops[index];
  const qnn::Layer& layer = op.layer;
  const qnn::Value& in_value = network_.values[op.inputs[0]];
  const qnn::Shape& in_shape = in_value.shape;
  const qnn::Value& out_value = network_.values[op.output];
  const int64_t pixels =
      op.kind == qnn::OpKind::kConv ? int64_t{out_value.shape[1]} * out_value.shape[2] : 1;
  const int64_t cols = pixels * n;
  const int64_t k = layer.k;
  const int parts = layer.rows * k * cols >= kSplitMacs ? threads : 1;
  const Prepared& prepared = prepared_[index];

  // Column c = image * pixels + pixel. Each thread builds the im2col block of the columns it
  // takes, computes and requantizes them: the whole op is one spawn, with no op-sized buffer.
  // store(begin, end, acc) requantizes columns [begin, end), acc(r, i) being the accumulator of
  // row r, column begin + i, one image's run of pixels at a time.
  const auto store = [&](int64_t begin, int64_t end, const auto& acc) {
    for (int64_t c = begin; c < end;) {
      const int64_t img = c / pixels, stop = std::min(end, (img + 1) * pixels);
      for (int r = 0; r < layer.rows; ++r) {
        const qnn::Requant& rq = layer.requant[r];
        int32_t* dst = out.data() + (img * layer.rows + r) * pixels - img * pixels;
        for (int64_t i = c; i < stop; ++i) {
          const int32_t v =
              RequantizeUnchecked(acc(r, i - begin), rq.multiplier, rq.shift, 0, out_value.bits);
          dst[i] = op.relu ? std::max(v, 0) : v;
        }
      }
      c = stop;
    }
  };
  const auto gemm = [&](auto zero) {
    using T = decltype(zero);
    const std::vector<T>* weights = nullptr;
    if constexpr (std::is_same_v<T, float>) {
      weights = &prepared.weights_float;
    } else {
      weights = &prepared.weights;
    }
    ParallelRanges(parts, cols, kMinRangeColumns, [&](int64_t begin, int64_t end) {
      const std::vector<T> col =
          ColumnBlock<T>(op, in_shape, out_value.shape, n, k, begin, end, in);
      const auto product = GemmBlock(layer, *weights, col, end - begin);
      store(begin, end,
            [&](int r, int64_t i) { return layer.bias[r] + static_cast<int64_t>(product(r, i)); });
    });
  };
  switch (paths_[index]) {
    case LayerPath::kGemmFloat:
      gemm(0.0f);
      break;
    case LayerPath::kGemm:
      gemm(0.0);
      break;
    case LayerPath::kSequential: {
      const int bits = datapath_.accumulator_bits;
      ParallelRanges(parts, cols, kMinRangeColumns, [&](int64_t begin, int64_t end) {
        const int64_t width = end - begin;
        const std::vector<int32_t> col =
            ColumnBlock<int32_t>(op, in_shape, out_value.shape, n, k, begin, end, in);
        store(begin, end, [&](int r, int64_t i) {
          int64_t sum = Saturate(layer.bias[r], bits);
          for (int64_t j = 0; j < k; ++j) {
            sum = SaturatingAdd(sum,
                                UnitProduct(layer, r, static_cast<int>(j), col[j * width + i],
                                            in_value.bits, datapath_),
                                bits);
          }
          return sum;
        });
      });
      break;
    }
  }
}

}  // namespace qscale::golden
