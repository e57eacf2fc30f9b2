// SCALE-Sim topology files: parsing, every malformed-line message, and the random-weight graphs.
#include "src/nn/topology_csv.h"

#include <cmath>

#include <gtest/gtest.h>

#include "src/nn/onnx_import.h"

namespace qscale::nn {
namespace {

constexpr char kHeader[] =
    "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
    "Strides,\n";

std::string ErrorOf(const std::string& text) {
  try {
    ParseTopologyCsv(text, "t.csv");
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

TEST(TopologyCsv, ParsesScaleSimRowsWithTrailingCommasAndBlankLines) {
  const auto layers = ParseTopologyCsv(std::string(kHeader) +
                                           "Conv1, 230, 230, 7, 7, 3, 64, 2,\r\n\n"
                                           "fc,1,1,1,1,512,1000,1\n",
                                       "t.csv");
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].name, "Conv1");
  EXPECT_EQ(layers[0].ifmap_h, 230);
  EXPECT_EQ(layers[0].filters, 64);
  EXPECT_EQ(layers[0].stride, 2);
  EXPECT_EQ(layers[0].line, 2);
  EXPECT_EQ(layers[1].channels, 512);
  EXPECT_EQ(layers[1].line, 4);
}

TEST(TopologyCsv, BadLinesNameTheFileLineAndColumn) {
  EXPECT_EQ(ErrorOf(""), "t.csv: empty topology file; expected a header line (Layer name, IFMAP "
                         "Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
                         "Strides)");
  EXPECT_NE(ErrorOf("Layer name, IFMAP Height, IFMAP Width, Filter Height\n")
                .find("t.csv:1: missing column 5 \"Filter Width\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("Layer name, H, W\n").find("t.csv:1: column 2 is \"H\", expected \"IFMAP Height\""),
            std::string::npos);
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "c, 8, 8, 3, 3, x, 4, 1\n"),
            "t.csv:2: Channels \"x\" is not a whole number");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "c, 8, 8, 3, 3, 2, 0, 1\n"),
            "t.csv:2: Num Filter must be in 1..65536 (got 0)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "c, 7, 8, 9, 3, 2, 4, 1\n"),
            "t.csv:2: Filter Height 9 is larger than IFMAP Height 7");
  EXPECT_NE(ErrorOf(std::string(kHeader) + "c, 7, 8\n").find("t.csv:2: 3 values, expected 8"),
            std::string::npos);
  EXPECT_EQ(ErrorOf(kHeader), "t.csv: the topology has a header but no layers");
}

TEST(TopologyCsv, UnreadableFileNamesThePathAndTheReason) {
  auto message = [](const std::string& path) {
    try {
      ReadTopologyCsv(path);
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message("no/such.csv"),
            "no/such.csv: cannot read topology file: no such file or directory; check the "
            "config's network: path");
  EXPECT_EQ(message("configs"),
            "configs: cannot read topology file: is a directory, not a file; check the config's "
            "network: path");
}

TEST(TopologyCsv, GraphsAreConvLayersWithSeededWeights) {
  const auto layers = ParseTopologyCsv(std::string(kHeader) + "c, 9, 9, 3, 3, 2, 4, 2\n", "t.csv");
  const std::vector<Graph> a = TopologyGraphs(layers, "t.csv", 5);
  const std::vector<Graph> b = TopologyGraphs(layers, "t.csv", 5);
  const std::vector<Graph> c = TopologyGraphs(layers, "t.csv", 6);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].values[a[0].output].shape, (Shape{4, 4, 4}));  // (9 - 3) / 2 + 1
  EXPECT_EQ(NodeMacs(a[0], a[0].nodes[0]), 4 * 4 * 4 * 2 * 3 * 3);
  EXPECT_EQ(a[0].nodes[0].weights, b[0].nodes[0].weights);
  EXPECT_NE(a[0].nodes[0].weights, c[0].nodes[0].weights);
  for (float w : a[0].nodes[0].weights) EXPECT_LE(std::abs(w), std::sqrt(3.0f / 18));
}

TEST(TopologyCsv, Resnet18FileHasTheStandardMacCount) {
  const auto layers = ReadTopologyCsv(std::string(QSCALE_SOURCE_DIR) +
                                      "/configs/topologies/resnet18.csv");
  int64_t macs = 0;
  for (const Graph& g : TopologyGraphs(layers, "resnet18.csv", 1)) macs += NodeMacs(g, g.nodes[0]);
  EXPECT_EQ(layers.size(), 21u);
  EXPECT_EQ(macs, 1814073344);  // the usual ~1.8 GMACs of ResNet-18 at 224 x 224
}

}  // namespace
}  // namespace qscale::nn
