#include "src/nn/graph.h"

namespace qscale::nn {

int64_t NumElements(const Shape& shape) {
  int64_t count = 1;
  for (int dim : shape) count *= dim;
  return count;
}

std::string ShapeToString(const Shape& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += 'x';
    text += std::to_string(shape[i]);
  }
  return text;
}

const char* OpKindName(OpKind op) {
  switch (op) {
    case OpKind::kConv:
      return "Conv";
    case OpKind::kDense:
      return "Dense";
    case OpKind::kRelu:
      return "Relu";
    case OpKind::kMaxPool:
      return "MaxPool";
    case OpKind::kAvgPool:
      return "AveragePool";
    case OpKind::kGlobalAvgPool:
      return "GlobalAveragePool";
    case OpKind::kFlatten:
      return "Flatten";
    case OpKind::kAdd:
      return "Add";
  }
  return "?";
}

int64_t NodeMacs(const Graph& graph, const Node& node) {
  switch (node.op) {
    case OpKind::kConv: {
      const Shape& in = graph.values[node.inputs[0]].shape;
      const Shape& out = graph.values[node.output].shape;
      return NumElements(out) * in[0] * node.kernel_h * node.kernel_w;
    }
    case OpKind::kDense:
      return static_cast<int64_t>(node.weights.size());
    default:
      return 0;
  }
}

int64_t NodeParameters(const Node& node) {
  return static_cast<int64_t>(node.weights.size() + node.bias.size());
}

}  // namespace qscale::nn
