#include "src/quant/lower.h"

#include <cstddef>

namespace qscale::quant {
namespace {

qnn::OpKind KindOf(nn::OpKind op) {
  switch (op) {
    case nn::OpKind::kConv:
      return qnn::OpKind::kConv;
    case nn::OpKind::kDense:
      return qnn::OpKind::kDense;
    case nn::OpKind::kRelu:
      return qnn::OpKind::kRelu;
    case nn::OpKind::kMaxPool:
      return qnn::OpKind::kMaxPool;
    case nn::OpKind::kAvgPool:
      return qnn::OpKind::kAvgPool;
    case nn::OpKind::kGlobalAvgPool:
      return qnn::OpKind::kGlobalAvgPool;
    case nn::OpKind::kFlatten:
      return qnn::OpKind::kFlatten;
    case nn::OpKind::kAdd:
      return qnn::OpKind::kAdd;
  }
  return qnn::OpKind::kRelu;
}

bool CanFuseRelu(nn::OpKind op) {
  return op == nn::OpKind::kConv || op == nn::OpKind::kDense || op == nn::OpKind::kAdd;
}

}  // namespace

Lowered LowerGraph(const nn::Graph& graph) {
  Lowered out;
  const size_t values = graph.values.size();
  std::vector<int> readers(values, 0);
  std::vector<int> producer(values, -1);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    for (int v : graph.nodes[i].inputs) ++readers[v];
    producer[graph.nodes[i].output] = static_cast<int>(i);
  }

  out.value_of.assign(values, -1);
  auto add_value = [&](int nn_value) {
    out.value_of[nn_value] = static_cast<int>(out.network.values.size());
    qnn::Value value;
    value.name = graph.values[nn_value].name;
    value.shape = graph.values[nn_value].shape;
    out.network.values.push_back(value);
    out.range_of.push_back(nn_value);
    return out.value_of[nn_value];
  };

  std::vector<int> op_of_node(graph.nodes.size(), -1);
  out.network.source = graph.source;
  out.network.input = add_value(graph.input);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const nn::Node& node = graph.nodes[i];
    if (node.op == nn::OpKind::kRelu) {
      const int in = node.inputs[0];
      const int from = producer[in];
      if (from >= 0 && CanFuseRelu(graph.nodes[from].op) && readers[in] == 1 &&
          in != graph.output) {
        // The producer's op writes this Relu's output value instead of its own.
        const int q = out.value_of[in];
        out.value_of[in] = -1;
        out.value_of[node.output] = q;
        out.network.values[q].name = graph.values[node.output].name;
        out.range_of[q] = node.output;
        out.network.ops[op_of_node[from]].relu = true;
        continue;
      }
    }
    qnn::Op op;
    op.name = node.name;
    op.kind = KindOf(node.op);
    for (int v : node.inputs) op.inputs.push_back(out.value_of[v]);
    op.output = add_value(node.output);
    op.kernel_h = node.kernel_h;
    op.kernel_w = node.kernel_w;
    op.stride_h = node.stride_h;
    op.stride_w = node.stride_w;
    op.pad_top = node.pad_top;
    op.pad_left = node.pad_left;
    op.pad_bottom = node.pad_bottom;
    op.pad_right = node.pad_right;
    if (qnn::IsArrayOp(op.kind)) {
      op.layer.rows = static_cast<int>(node.bias.size());
      op.layer.k = static_cast<int>(node.weights.size() / node.bias.size());
    }
    op_of_node[i] = static_cast<int>(out.network.ops.size());
    out.network.ops.push_back(op);
    out.op_node.push_back(static_cast<int>(i));
  }
  out.network.output = out.value_of[graph.output];
  return out;
}

}  // namespace qscale::quant
