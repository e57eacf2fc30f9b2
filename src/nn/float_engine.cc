#include "src/nn/float_engine.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "src/nn/float_kernels.h"

namespace qscale::nn {

FloatEngine::FloatEngine(const Graph& graph, int threads)
    : graph_(graph), threads_(std::max(threads, 1)) {
  const int values = static_cast<int>(graph_.values.size());
  if (graph_.input < 0 || graph_.input >= values || graph_.output < 0 || graph_.output >= values ||
      graph_.values[graph_.output].shape.size() != 1) {
    throw std::invalid_argument(fmt::format(
        "{}: FloatEngine needs a graph with an input and a vector output", graph_.source));
  }
  classes_ = graph_.values[graph_.output].shape[0];
  image_size_ = NumElements(graph_.values[graph_.input].shape);
  last_use_.assign(graph_.values.size(), -1);
  for (size_t i = 0; i < graph_.nodes.size(); ++i) {
    for (int v : graph_.nodes[i].inputs) last_use_[v] = static_cast<int>(i);
  }
}

std::vector<float> FloatEngine::Run(const float* images, int batch) const {
  return RunThreaded(images, batch, nullptr);
}

std::vector<float> FloatEngine::Run(const float* images, int batch,
                                    const Transform& transform) const {
  return RunThreaded(images, batch, &transform);
}

std::vector<float> FloatEngine::RunThreaded(const float* images, int batch,
                                            const Transform* transform) const {
  std::vector<float> logits(static_cast<size_t>(std::max(batch, 0)) * classes_);
  const int chunks = (batch + kChunkImages - 1) / kChunkImages;
  // Chunks are independent and each is computed the same way whichever thread takes it, so the
  // result does not depend on the number of threads.
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    try {
      for (int chunk = next++; chunk < chunks && !failed; chunk = next++) {
        const int first = chunk * kChunkImages;
        const int count = std::min(kChunkImages, batch - first);
        RunChunk(images + first * image_size_, first, count, logits.data() + first * classes_,
                 nullptr, transform);
      }
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  const int workers = std::min(threads_, chunks);
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  return logits;
}

std::vector<float> FloatEngine::Run(const float* images, int batch,
                                    const Observer& observer) const {
  std::vector<float> logits(static_cast<size_t>(std::max(batch, 0)) * classes_);
  for (int first = 0; first < batch; first += kChunkImages) {
    const int count = std::min(kChunkImages, batch - first);
    RunChunk(images + first * image_size_, first, count, logits.data() + first * classes_,
             &observer, nullptr);
  }
  return logits;
}

void FloatEngine::RunChunk(const float* images, int first, int count, float* logits,
                           const Observer* observer, const Transform* transform) const {
  std::vector<std::vector<float>> buffers(graph_.values.size());
  buffers[graph_.input].assign(images, images + count * image_size_);
  if (observer) (*observer)(graph_.input, first, count, buffers[graph_.input].data());
  for (size_t i = 0; i < graph_.nodes.size(); ++i) {
    const Node& node = graph_.nodes[i];
    const std::vector<float>& in = buffers[node.inputs[0]];
    const Shape& in_shape = graph_.values[node.inputs[0]].shape;
    const Shape& out_shape = graph_.values[node.output].shape;
    std::vector<float>& out = buffers[node.output];
    switch (node.op) {
      case OpKind::kConv:
        ConvForward(node, in_shape, out_shape, count, in, out);
        break;
      case OpKind::kDense:
        DenseForward(node, count, in, out);
        break;
      case OpKind::kMaxPool:
      case OpKind::kAvgPool:
        PoolForward(node, in_shape, out_shape, count, in, out);
        break;
      case OpKind::kGlobalAvgPool:
        GlobalAvgPoolForward(in_shape, count, in, out);
        break;
      case OpKind::kRelu:
        ReluForward(in, out);
        break;
      case OpKind::kFlatten:
        out = in;
        break;
      case OpKind::kAdd:
        AddForward(in, buffers[node.inputs[1]], out);
        break;
    }
    if (transform) (*transform)(node.output, out.data(), static_cast<int64_t>(out.size()));
    if (observer) (*observer)(node.output, first, count, out.data());
    // Frees what no later node reads, so a chunk holds only its live activations.
    for (int v : node.inputs) {
      if (last_use_[v] == static_cast<int>(i) && v != graph_.output) {
        std::vector<float>().swap(buffers[v]);
      }
    }
  }
  std::copy(buffers[graph_.output].begin(), buffers[graph_.output].end(), logits);
}

}  // namespace qscale::nn
