// Per-layer summary of a Graph: what `qscale inspect` prints.
#ifndef QSCALE_SRC_NN_SUMMARY_H_
#define QSCALE_SRC_NN_SUMMARY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/nn/graph.h"

namespace qscale::nn {

struct LayerSummary {
  std::string name;        // Node::name
  std::string op;          // OpKindName of the node, e.g. "Conv", "Dense"
  Shape input_shape;       // per-image shape of the (first) input, batch excluded
  Shape output_shape;      // per-image shape of the output, batch excluded
  int64_t parameters = 0;  // NodeParameters: weights + bias entries
  int64_t macs = 0;        // NodeMacs: multiply-accumulates per image
  std::string onnx_op;     // ONNX op(s) the node came from, e.g. "Conv+BatchNormalization"
};

// One row per node of `graph`, in node (topological) order.
std::vector<LayerSummary> Summarize(const Graph& graph);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_SUMMARY_H_
