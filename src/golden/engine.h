// The golden integer inference engine: runs a qnn::Network with exactly the integer semantics of
// DESIGN.md section 1.5 (docs/integer_semantics.md) on the CPU, batched and multi-threaded. It is
// the reference the accelerator model is held to bit for bit, and the floor simulation speed is
// measured against.
//
// Array ops (Conv, Dense) accumulate acc = bias; acc = sat(acc + product) in k order, then
// requantize. Every multiplier's product is w_eff * act exactly (pe_product.h), so where no
// partial sum can reach the accumulator's saturation bound (checked per layer from the weights,
// the bias and the input width) the order of additions cannot matter and the layer runs as one
// double-precision GEMM (exact while every partial sum stays below 2^53, which the same bound
// guarantees; in single precision, twice as fast, when the bound is below 2^24). Otherwise, or
// with `reference` set, it runs MAC by MAC through the golden unit models (UnitProduct) with
// saturation after every addition. All paths give equal integers (tests/golden/engine_test.cc).
// A large array op (at least kSplitMacs MACs) splits its output columns into ranges that the
// threads take as they become free, so a single image or an accelerator step uses every thread
// too; each thread builds the im2col block of its range, multiplies and requantizes it, so no
// op-sized scratch buffer is allocated.
#ifndef QSCALE_SRC_GOLDEN_ENGINE_H_
#define QSCALE_SRC_GOLDEN_ENGINE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "src/golden/pe_product.h"
#include "src/qnn/network.h"

namespace qscale::golden {

// How one array layer is computed.
enum class LayerPath {
  kGemm,       // exact double GEMMs (no saturation possible, partial sums < 2^53)
  kGemmFloat,  // exact float GEMMs (no saturation possible, partial sums < 2^24)
  kSequential  // MAC by MAC in k order through the golden units, saturating each addition
};

class IntegerEngine {
 public:
  // Images per chunk; chunks are independent and spread over the threads.
  static constexpr int kChunkImages = 16;
  // MACs from which one array op splits its columns over the threads.
  static constexpr int64_t kSplitMacs = int64_t{1} << 22;

  // Called with the integers of value `value` (a qnn value id) for `count` images starting at
  // image `first`: count x NumElements(shape) integers, image-major.
  using Observer = std::function<void(int value, int first, int count, const int32_t* data)>;

  // Keeps a copy of `network`. `threads` share the chunks (0: HostThreads()); results never
  // depend on it.
  // `reference` forces LayerPath::kSequential on every layer. Throws std::invalid_argument for
  // a network the datapath cannot run (e.g. a weight wider than the multiplier).
  IntegerEngine(const qnn::Network& network, const Datapath& datapath, int threads = 0,
                bool reference = false);

  // The input value's integers for `batch` float images (pixel / 255, NCHW):
  // clamp(round_half_away(x / scale), -2^(bits-1), 2^(bits-1) - 1), as the host writes them.
  std::vector<int32_t> QuantizeInput(const float* images, int batch) const;

  // Output integers (batch x classes) for `batch` images of input integers.
  std::vector<int32_t> Run(const int32_t* input, int batch) const;
  // As Run, calling `observer` for every value of every chunk, chunks in order, on this thread.
  std::vector<int32_t> Run(const int32_t* input, int batch, const Observer& observer) const;

  // Runs op `index` alone over `n` images: `inputs` holds its input values' integers (one
  // buffer per op input, image-major), `out` receives its output's. What the accelerator model
  // uses to compute the ops it does not simulate unit by unit. Uses up to `threads` threads.
  void RunOp(size_t index, const std::vector<const std::vector<int32_t>*>& inputs, int n,
             std::vector<int32_t>& out) const {
    RunOp(index, inputs, n, out, threads_);
  }

  // Integers per image of the output value (the class count of a classifier).
  int classes() const { return classes_; }
  const qnn::Network& network() const { return network_; }
  // The path each op takes (kGemm for ops that are not array ops), by op index.
  const std::vector<LayerPath>& paths() const { return paths_; }

 private:
  struct Prepared {
    std::vector<double> weights;        // rows x k effective weights (kGemm, kSequential)
    std::vector<float> weights_float;   // the same in float (kGemmFloat only)
  };
  void RunChunk(const int32_t* input, int first, int count, int32_t* output,
                const Observer* observer, int threads) const;
  void RunOp(size_t index, const std::vector<const std::vector<int32_t>*>& inputs, int n,
             std::vector<int32_t>& out, int threads) const;
  void ArrayOp(size_t index, const std::vector<int32_t>& in, int n, std::vector<int32_t>& out,
               int threads) const;


  qnn::Network network_;
  Datapath datapath_;
  int threads_ = 1;
  int classes_ = 0;
  int64_t input_size_ = 0;
  std::vector<Prepared> prepared_;  // by op index (empty for non-array ops)
  std::vector<LayerPath> paths_;    // by op index
  std::vector<int> last_use_;       // per value id: last op reading it
};

// The integers the host writes for `count` floats in `value`'s format:
// clamp(round_half_away(x / value.scale), -2^(bits-1), 2^(bits-1) - 1).
std::vector<int32_t> QuantizeToValue(const qnn::Value& value, const float* x, size_t count);

// Index of the largest of `n` integers; the lowest index wins a tie.
int ArgMaxInt(const int32_t* values, int n);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_ENGINE_H_
