// SCALE-Sim topology files: the layer shapes of a network as a CSV, so users can bring the
// workloads they already run on SCALE-Sim. Shapes only: weights and inputs are random (seeded),
// so a topology gives cycles, traffic and energy but no accuracy.
//
// Format (SCALE-Sim's conv topology): a header line, then one line per layer with 8 columns,
//   Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,
//   Strides
// Header names are matched case- and space-insensitively; trailing commas, blank lines and
// columns after the eighth are ignored. As in SCALE-Sim the IFMAP size includes any padding: the
// output is ((IFMAP - Filter) / Strides + 1) per side, rounded down. A fully connected layer is a
// 1 x 1 IFMAP with a 1 x 1 filter and Channels inputs.
#ifndef QSCALE_SRC_NN_TOPOLOGY_CSV_H_
#define QSCALE_SRC_NN_TOPOLOGY_CSV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/nn/graph.h"

namespace qscale::nn {

// Largest IFMAP side, filter side, channel and filter count a topology may give.
inline constexpr int kMaxTopologyDim = 65536;

struct TopologyLayer {
  std::string name;
  int ifmap_h = 1, ifmap_w = 1;    // input feature map, pixels (padding included)
  int filter_h = 1, filter_w = 1;  // kernel, pixels
  int channels = 1;                // input channels
  int filters = 1;                 // output channels
  int stride = 1;                  // both directions
  int line = 0;                    // 1-based line in the file, for messages
};

// Parses topology `text` named `source` in messages. Throws ModelError naming the file, the line
// and the fix, e.g.
//   topologies/net.csv:1: missing column 8 "Strides" (a SCALE-Sim topology has: Layer name,
//   IFMAP Height, ...)
//   topologies/net.csv:4: Filter Height 9 is larger than IFMAP Height 7
std::vector<TopologyLayer> ParseTopologyCsv(const std::string& text, const std::string& source);

// Reads and parses the file at `path` (ModelError if it cannot be read).
std::vector<TopologyLayer> ReadTopologyCsv(const std::string& path);

// One single-layer Graph per topology layer: input {Channels, IFMAP Height, IFMAP Width} ->
// Conv (no padding) -> output {Num Filter, Ho, Wo}, named after the layer, source `source`.
// Weights are uniform in +-sqrt(3 / fan_in) and biases zero, drawn from std::mt19937(seed) in
// layer order (the same on every platform).
std::vector<Graph> TopologyGraphs(const std::vector<TopologyLayer>& layers,
                                  const std::string& source, uint32_t seed);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_TOPOLOGY_CSV_H_
