// The qnn topology of a float graph, before any scheme fills in weights and formats: one qnn op
// per nn node, except that a Relu whose input comes from a Conv, Dense or Add and is read by
// nothing else is fused into that producer's clamp (Op::relu).
#ifndef QSCALE_SRC_QUANT_LOWER_H_
#define QSCALE_SRC_QUANT_LOWER_H_

#include <vector>

#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

struct Lowered {
  qnn::Network network;        // ops and values (names, shapes); bits, scales and layers unset
  std::vector<int> op_node;    // per qnn op: index of the nn node it computes (the producer)
  std::vector<int> value_of;   // per nn value id: qnn value id, -1 when fused away
  std::vector<int> range_of;   // per qnn value id: the nn value whose float range it carries
};

// Lowers `graph` (from nn::ImportOnnx). Array ops get layer.rows and layer.k; their weights are
// left to the scheme.
Lowered LowerGraph(const nn::Graph& graph);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_LOWER_H_
