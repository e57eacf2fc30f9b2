// Float32 reference inference over a Graph: the accuracy baseline every quantized run is
// compared against, and the source of calibration activations. Reproduces PyTorch's eval-mode
// forward pass to float32 rounding (convolutions as im2col + Eigen GEMM, dense layers as GEMM).
#ifndef QSCALE_SRC_NN_FLOAT_ENGINE_H_
#define QSCALE_SRC_NN_FLOAT_ENGINE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "src/nn/graph.h"

namespace qscale::nn {

class FloatEngine {
 public:
  // Images are processed in chunks of this many; each convolution is one GEMM per chunk. Keeps
  // the im2col buffer of a chunk to a few MiB for Fashion-MNIST-sized networks.
  static constexpr int kChunkImages = 16;

  // Called with the activations of value `value` (a Graph value id) for `count` consecutive
  // images starting at image `first`: count x NumElements(shape) floats, image-major, each
  // image in its value's layout ({C, H, W} row-major, or {F}).
  using Observer = std::function<void(int value, int first, int count, const float* data)>;

  // Called on every node's output (value id `value`, `count` floats of one chunk) before any
  // later node reads it, and may change it in place: the hook for fake quantization of
  // activations. Must be a pure function of its arguments (it runs on several threads).
  using Transform = std::function<void(int value, float* data, int64_t count)>;

  // Keeps a copy of `graph`, which must come from ImportOnnx (or satisfy the same invariants:
  // nodes in topological order, output shape {classes}). `threads` >= 1 worker threads share
  // the chunks of a batch; results do not depend on it. Throws std::invalid_argument for a
  // graph whose output is not a vector.
  explicit FloatEngine(const Graph& graph, int threads = 2);

  // Logits of `batch` >= 0 images. `images`: batch x NumElements(input shape) floats,
  // image-major, each image NCHW-ordered ({C, H, W} row-major). Returns batch x classes()
  // floats, row-major. The logits of an image never depend on the thread count; they may
  // differ in the last bits with the size of the chunk holding the image (GEMM blocking), as
  // PyTorch's do with the batch size.
  std::vector<float> Run(const float* images, int batch) const;

  // As Run, applying `transform` to every node's output (the input image is not transformed).
  std::vector<float> Run(const float* images, int batch, const Transform& transform) const;

  // As Run, and calls `observer` for every value (the input included) of every chunk, chunks in
  // order, on the calling thread (no worker threads).
  std::vector<float> Run(const float* images, int batch, const Observer& observer) const;

  int classes() const { return classes_; }
  const Graph& graph() const { return graph_; }

 private:
  void RunChunk(const float* images, int first, int count, float* logits,
                const Observer* observer, const Transform* transform) const;
  std::vector<float> RunThreaded(const float* images, int batch,
                                 const Transform* transform) const;

  Graph graph_;
  int threads_ = 1;
  int classes_ = 0;
  int64_t image_size_ = 0;     // floats per input image
  std::vector<int> last_use_;  // per value id: index of the last node reading it, -1 if none
};

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_FLOAT_ENGINE_H_
