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

  // Called on the input and on every node's output (value id `value`, `count` floats of one
  // chunk) before any node reads it, and may change it in place: the hook for fake quantization of
  // activations. Must be a pure function of its arguments (it runs on several threads).
  using Transform = std::function<void(int value, float* data, int64_t count)>;

  // Keeps a copy of `graph`, which must come from ImportOnnx or TopologyGraphs (or satisfy the
  // same invariants: nodes in topological order). `threads` >= 1 worker threads share the
  // chunks of a batch; results do not depend on it. Throws std::invalid_argument for a graph
  // without an input or output.
  explicit FloatEngine(const Graph& graph, int threads = 2);

  // Logits of `batch` >= 0 images. `images`: batch x NumElements(input shape) floats,
  // image-major, each image NCHW-ordered ({C, H, W} row-major). Returns batch x classes()
  // floats, row-major. The logits of an image never depend on the thread count; they may
  // differ in the last bits with the size of the chunk holding the image (GEMM blocking), as
  // PyTorch's do with the batch size.
  std::vector<float> Run(const float* images, int batch) const;

  // As Run, applying `transform` to the input images and to every node's output.
  std::vector<float> Run(const float* images, int batch, const Transform& transform) const;

  // The values that cross the boundary before node `first_node` (produced by an earlier node, or
  // the input, and read by node `first_node` or a later one), for `count` images: what a run of
  // the nodes from `first_node` on needs. Lets a caller that changes only later nodes re-run
  // just those.
  struct Cut {
    int first_node = 0;
    int count = 0;
    std::vector<int> values;               // value ids crossing the cut
    std::vector<std::vector<float>> data;  // per entry of `values`: count x its size, image-major
  };

  // Runs nodes 0 .. first_node-1 over `count` images (with `transform`, if not null) and keeps
  // the cut. first_node: 0..number of nodes; a cut at 0 keeps the untransformed images.
  Cut RunToCut(const float* images, int count, int first_node, const Transform* transform) const;

  // Logits of the cut's images, running nodes first_node .. end (with `transform`, if not null,
  // on their outputs, and on the images of a cut at 0). The cut must come from an engine over a graph of the same topology (its
  // weights may differ). Equal to the logits of a full Run with the same nodes and transforms.
  std::vector<float> RunFromCut(const Cut& cut, const Transform* transform) const;

  // As Run, and calls `observer` for every value (the input included) of every chunk, chunks in
  // order, on the calling thread (no worker threads).
  std::vector<float> Run(const float* images, int batch, const Observer& observer) const;

  // Floats per image of the output value (the class count of a classifier).
  int classes() const { return classes_; }
  const Graph& graph() const { return graph_; }

 private:
  using Buffers = std::vector<std::vector<float>>;  // per value id, one chunk's activations

  // Runs `chunk(first, count)` for every chunk of `batch` images on the worker threads.
  template <typename Fn>
  void ForEachChunk(int batch, Fn chunk) const;
  // Fills the input buffer of a chunk (applying `transform`).
  void LoadInput(const float* images, int count, const Transform* transform,
                 Buffers& buffers) const;
  // Runs nodes [begin, end) of one chunk, freeing what no later node reads.
  void RunNodes(size_t begin, size_t end, int first, int count, const Observer* observer,
                const Transform* transform, Buffers& buffers) const;
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
