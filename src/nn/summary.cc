#include "src/nn/summary.h"

#include <utility>

namespace qscale::nn {

std::vector<LayerSummary> Summarize(const Graph& graph) {
  std::vector<LayerSummary> rows;
  rows.reserve(graph.nodes.size());
  for (const Node& node : graph.nodes) {
    LayerSummary row;
    row.name = node.name;
    row.op = OpKindName(node.op);
    row.input_shape = graph.values[node.inputs[0]].shape;
    row.output_shape = graph.values[node.output].shape;
    row.parameters = NodeParameters(node);
    row.macs = NodeMacs(graph, node);
    row.onnx_op = node.onnx_op;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace qscale::nn
