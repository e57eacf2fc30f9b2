// Graph helpers and the per-layer summary, checked against a hand count of tiny_net.
#include "src/nn/summary.h"

#include <gtest/gtest.h>

#include "src/nn/graph.h"
#include "src/nn/onnx_import.h"
#include "tests/nn/onnx_fixtures.h"

namespace qscale::nn {
namespace {

TEST(Graph, ShapeTextAndElementCount) {
  EXPECT_EQ(ShapeToString({1, 28, 28}), "1x28x28");
  EXPECT_EQ(ShapeToString({10}), "10");
  EXPECT_EQ(NumElements({4, 6, 6}), 144);
  EXPECT_EQ(NumElements({}), 1);
  EXPECT_STREQ(OpKindName(OpKind::kDense), "Dense");
  EXPECT_STREQ(OpKindName(OpKind::kGlobalAvgPool), "GlobalAveragePool");
}

TEST(Summary, TinyNetMacsAndParametersEqualAHandCount) {
  const std::vector<LayerSummary> rows = Summarize(ImportOnnx(FixturePath("tiny_net.onnx")));
  ASSERT_EQ(rows.size(), 9u);
  // conv1: 1 -> 4 channels, 3x3, 12x12 out. BN folded adds no parameters beyond the bias.
  EXPECT_EQ(rows[0].op, "Conv");
  EXPECT_EQ(rows[0].onnx_op, "Conv+BatchNormalization");
  EXPECT_EQ(rows[0].input_shape, (Shape{1, 12, 12}));
  EXPECT_EQ(rows[0].output_shape, (Shape{4, 12, 12}));
  EXPECT_EQ(rows[0].macs, 4 * 12 * 12 * 1 * 3 * 3);
  EXPECT_EQ(rows[0].parameters, 4 * 1 * 3 * 3 + 4);
  // conv2: 4 -> 4 channels, 3x3, 6x6 out; bias-less in torch, given one by the fold.
  EXPECT_EQ(rows[3].macs, 4 * 6 * 6 * 4 * 3 * 3);
  EXPECT_EQ(rows[3].parameters, 4 * 4 * 3 * 3 + 4);
  // fc: 36 -> 10.
  EXPECT_EQ(rows[8].op, "Dense");
  EXPECT_EQ(rows[8].input_shape, (Shape{36}));
  EXPECT_EQ(rows[8].output_shape, (Shape{10}));
  EXPECT_EQ(rows[8].macs, 360);
  EXPECT_EQ(rows[8].parameters, 370);
  int64_t macs = 0, parameters = 0;
  for (const LayerSummary& row : rows) {
    macs += row.macs;
    parameters += row.parameters;
  }
  EXPECT_EQ(macs, 5184 + 5184 + 360);
  EXPECT_EQ(parameters, 40 + 148 + 370);
}

TEST(Summary, OneRowPerNodeInNodeOrderWithNamesAndShapes) {
  const Graph graph = ImportOnnx(FixturePath("tiny_net.onnx"));
  const std::vector<LayerSummary> rows = Summarize(graph);
  ASSERT_EQ(rows.size(), graph.nodes.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].name, graph.nodes[i].name);
    EXPECT_EQ(rows[i].op, OpKindName(graph.nodes[i].op));
  }
  EXPECT_EQ(rows[4].op, "Add");
  EXPECT_EQ(rows[4].macs, 0);
  EXPECT_EQ(rows[7].op, "Flatten");
  EXPECT_EQ(rows[7].input_shape, (Shape{4, 3, 3}));
  EXPECT_EQ(rows[7].output_shape, (Shape{36}));
}

}  // namespace
}  // namespace qscale::nn
