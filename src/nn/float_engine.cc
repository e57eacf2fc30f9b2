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
      graph_.values[graph_.output].shape.empty()) {
    throw std::invalid_argument(fmt::format(
        "{}: FloatEngine needs a graph with an input and an output", graph_.source));
  }
  classes_ = static_cast<int>(NumElements(graph_.values[graph_.output].shape));
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

template <typename Fn>
void FloatEngine::ForEachChunk(int batch, Fn chunk) const {
  const int chunks = (batch + kChunkImages - 1) / kChunkImages;
  // Chunks are independent and each is computed the same way whichever thread takes it, so the
  // result does not depend on the number of threads.
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    try {
      for (int c = next++; c < chunks && !failed; c = next++) {
        const int first = c * kChunkImages;
        chunk(first, std::min(kChunkImages, batch - first));
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
}

std::vector<float> FloatEngine::RunThreaded(const float* images, int batch,
                                            const Transform* transform) const {
  std::vector<float> logits(static_cast<size_t>(std::max(batch, 0)) * classes_);
  ForEachChunk(batch, [&](int first, int count) {
    Buffers buffers(graph_.values.size());
    LoadInput(images + first * image_size_, count, transform, buffers);
    RunNodes(0, graph_.nodes.size(), first, count, nullptr, transform, buffers);
    std::copy(buffers[graph_.output].begin(), buffers[graph_.output].end(),
              logits.begin() + int64_t{first} * classes_);
  });
  return logits;
}

std::vector<float> FloatEngine::Run(const float* images, int batch,
                                    const Observer& observer) const {
  std::vector<float> logits(static_cast<size_t>(std::max(batch, 0)) * classes_);
  for (int first = 0; first < batch; first += kChunkImages) {
    const int count = std::min(kChunkImages, batch - first);
    Buffers buffers(graph_.values.size());
    LoadInput(images + first * image_size_, count, nullptr, buffers);
    observer(graph_.input, first, count, buffers[graph_.input].data());
    RunNodes(0, graph_.nodes.size(), first, count, &observer, nullptr, buffers);
    std::copy(buffers[graph_.output].begin(), buffers[graph_.output].end(),
              logits.begin() + int64_t{first} * classes_);
  }
  return logits;
}

FloatEngine::Cut FloatEngine::RunToCut(const float* images, int count, int first_node,
                                       const Transform* transform) const {
  Cut cut;
  cut.first_node = first_node;
  cut.count = count;
  std::vector<int> produced_at(graph_.values.size(), -1);  // node index; -1 for the input
  for (size_t i = 0; i < graph_.nodes.size(); ++i) {
    produced_at[graph_.nodes[i].output] = static_cast<int>(i);
  }
  for (size_t v = 0; v < graph_.values.size(); ++v) {
    const bool before = static_cast<int>(v) == graph_.input ||
                        (produced_at[v] >= 0 && produced_at[v] < first_node);
    const bool after = last_use_[v] >= first_node ||
                       (static_cast<int>(v) == graph_.output && produced_at[v] < first_node);
    if (before && after) cut.values.push_back(static_cast<int>(v));
  }
  for (int v : cut.values) {
    cut.data.emplace_back(static_cast<size_t>(count * NumElements(graph_.values[v].shape)));
  }
  ForEachChunk(count, [&](int first, int n) {
    Buffers buffers(graph_.values.size());
    // A cut at node 0 keeps the raw images: RunFromCut transforms them.
    LoadInput(images + first * image_size_, n, first_node > 0 ? transform : nullptr, buffers);
    RunNodes(0, first_node, first, n, nullptr, transform, buffers);
    for (size_t j = 0; j < cut.values.size(); ++j) {
      const std::vector<float>& b = buffers[cut.values[j]];
      std::copy(b.begin(), b.end(),
                cut.data[j].begin() + first * NumElements(graph_.values[cut.values[j]].shape));
    }
  });
  return cut;
}

std::vector<float> FloatEngine::RunFromCut(const Cut& cut, const Transform* transform) const {
  std::vector<float> logits(static_cast<size_t>(std::max(cut.count, 0)) * classes_);
  ForEachChunk(cut.count, [&](int first, int n) {
    Buffers buffers(graph_.values.size());
    for (size_t j = 0; j < cut.values.size(); ++j) {
      const int64_t size = NumElements(graph_.values[cut.values[j]].shape);
      const auto begin = cut.data[j].begin() + first * size;
      buffers[cut.values[j]].assign(begin, begin + n * size);
    }
    if (cut.first_node == 0 && transform) {
      (*transform)(graph_.input, buffers[graph_.input].data(), n * image_size_);
    }
    RunNodes(cut.first_node, graph_.nodes.size(), first, n, nullptr, transform, buffers);
    std::copy(buffers[graph_.output].begin(), buffers[graph_.output].end(),
              logits.begin() + int64_t{first} * classes_);
  });
  return logits;
}

void FloatEngine::LoadInput(const float* images, int count, const Transform* transform,
                            Buffers& buffers) const {
  buffers[graph_.input].assign(images, images + count * image_size_);
  if (transform) {
    (*transform)(graph_.input, buffers[graph_.input].data(), count * image_size_);
  }
}

void FloatEngine::RunNodes(size_t begin, size_t end, int first, int count,
                           const Observer* observer, const Transform* transform,
                           Buffers& buffers) const {
  for (size_t i = begin; i < end; ++i) {
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
}

}  // namespace qscale::nn
