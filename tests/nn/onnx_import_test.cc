// ONNX import: the IR built from each fixture, BatchNorm folding, and every error class with
// the node, tensor or path it must name.
#include "src/nn/onnx_import.h"

#include <cmath>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "src/nn/graph.h"
#include "tests/nn/onnx_fixtures.h"

namespace qscale::nn {
namespace {

using ::testing::HasSubstr;

std::vector<OpKind> Ops(const Graph& graph) {
  std::vector<OpKind> ops;
  for (const Node& node : graph.nodes) ops.push_back(node.op);
  return ops;
}

TEST(OnnxImport, TinyNetBecomesNineNodesWithBatchNormFoldedAndZeroPadSkipped) {
  const Graph graph = ImportOnnx(FixturePath("tiny_net.onnx"));
  EXPECT_EQ(graph.source, FixturePath("tiny_net.onnx"));
  const std::vector<OpKind> expected = {OpKind::kConv,    OpKind::kRelu,    OpKind::kMaxPool,
                                        OpKind::kConv,    OpKind::kAdd,     OpKind::kRelu,
                                        OpKind::kAvgPool, OpKind::kFlatten, OpKind::kDense};
  EXPECT_EQ(Ops(graph), expected);
  EXPECT_EQ(graph.nodes[0].name, "/conv1/Conv");
  EXPECT_EQ(graph.nodes[0].onnx_op, "Conv+BatchNormalization");
  EXPECT_EQ(graph.nodes[3].onnx_op, "Conv+BatchNormalization");
  EXPECT_EQ(graph.nodes[3].bias.size(), 4u);  // the conv has no bias; the fold gives it one
  EXPECT_EQ(graph.values[graph.input].shape, (Shape{1, 12, 12}));
  EXPECT_EQ(graph.values[graph.nodes[2].output].shape, (Shape{4, 6, 6}));
  EXPECT_EQ(graph.values[graph.nodes[6].output].shape, (Shape{4, 3, 3}));
  EXPECT_EQ(graph.values[graph.output].shape, (Shape{10}));
  EXPECT_EQ(graph.values[graph.output].name, "logits");
  EXPECT_EQ(graph.nodes[4].inputs,
            (std::vector<int>{graph.nodes[2].output, graph.nodes[3].output}));
}

TEST(OnnxImport, FoldedBatchNormEqualsTorchsOwnFolding) {
  const Graph ours = ImportOnnx(FixturePath("tiny_net.onnx"));
  const Graph torch = ImportOnnx(FixturePath("tiny_net_fused.onnx"));
  ASSERT_EQ(Ops(ours), Ops(torch));
  for (int i : {0, 3}) {
    const Node& a = ours.nodes[i];
    const Node& b = torch.nodes[i];
    ASSERT_EQ(a.weights.size(), b.weights.size());
    for (size_t k = 0; k < a.weights.size(); ++k) {
      EXPECT_NEAR(a.weights[k], b.weights[k], 1e-6 + 1e-6 * std::fabs(b.weights[k])) << i;
    }
    for (size_t k = 0; k < a.bias.size(); ++k) {
      EXPECT_NEAR(a.bias[k], b.bias[k], 1e-6 + 1e-6 * std::fabs(b.bias[k])) << i;
    }
  }
}

TEST(OnnxImport, MatMulFollowedByConstantAddBecomesDenseWithBias) {
  const Graph graph = ImportOnnx(FixturePath("matmul_add.onnx"));
  ASSERT_EQ(Ops(graph), (std::vector<OpKind>{OpKind::kDense, OpKind::kRelu, OpKind::kDense}));
  EXPECT_EQ(graph.nodes[0].onnx_op, "MatMul+Add");
  EXPECT_EQ(graph.nodes[0].weights.size(), 40u);
  EXPECT_EQ(graph.values[graph.nodes[0].output].shape, (Shape{5}));
  EXPECT_EQ(graph.nodes[2].onnx_op, "MatMul");
  EXPECT_EQ(graph.nodes[2].bias, std::vector<float>(3, 0.0f));
  EXPECT_EQ(graph.values[graph.output].shape, (Shape{3}));
}

TEST(OnnxImport, ReshapeWithConstantShapeBecomesFlatten) {
  const Graph graph = ImportOnnx(FixturePath("reshape.onnx"));
  ASSERT_EQ(Ops(graph),
            (std::vector<OpKind>{OpKind::kConv, OpKind::kRelu, OpKind::kFlatten, OpKind::kDense}));
  EXPECT_EQ(graph.values[graph.nodes[2].output].shape, (Shape{27}));
}

TEST(OnnxImport, IdentityConstantNodeReshapeGemmTransBZeroAndFloatDataAllImport) {
  const Graph graph = ImportOnnx(FixturePath("dense_variants.onnx"));
  ASSERT_EQ(Ops(graph), (std::vector<OpKind>{OpKind::kFlatten, OpKind::kDense, OpKind::kDense}));
  EXPECT_EQ(graph.nodes[0].name, "flatten");
  EXPECT_EQ(graph.nodes[1].name, "fc1");
  EXPECT_EQ(graph.nodes[1].weights.size(), 18u * 6u);
  EXPECT_EQ(graph.nodes[2].onnx_op, "MatMul+Add");
  EXPECT_EQ(graph.values[graph.output].shape, (Shape{4}));
}

TEST(OnnxImport, UnsupportedModelListsEveryBadNode) {
  const std::string path = FixturePath("unsupported.onnx");
  const std::string message = ImportError(path);
  const std::string expected =
      path +
      ": 5 unsupported nodes:\n"
      "  node \"bar\" (Conv): group=2 is not supported\n"
      "  node \"dilated\" (Conv): dilations=[2,2] is not supported (only 1)\n"
      "  node \"ceil_pool\" (MaxPool): ceil_mode=1 is not supported (only floor mode)\n"
      "  node \"unsq\" (Unsqueeze): op not supported\n"
      "  node \"foo\" (LSTM): op not supported\n"
      "  supported ops: ";
  EXPECT_EQ(message.substr(0, expected.size()), expected) << message;
  EXPECT_THAT(message, HasSubstr("Conv, BatchNormalization"));
  // The Flatten between the failed nodes is fine; it must not be blamed.
  EXPECT_THAT(message, ::testing::Not(HasSubstr("\"flat\"")));
}

TEST(OnnxImport, BatchNormThatCannotBeFoldedNamesTheNodeAndTheReason) {
  const std::string message = ImportError(FixturePath("bad_batchnorm.onnx"));
  EXPECT_THAT(message, HasSubstr("2 unsupported nodes"));
  EXPECT_THAT(message, HasSubstr("node \"bn_after_relu\" (BatchNormalization): cannot fold into "
                                 "a convolution: input \"r0\" is not the output of a Conv"));
  EXPECT_THAT(message, HasSubstr("node \"bn_shared\" (BatchNormalization): cannot fold into "
                                 "Conv \"conv1\": its output \"c1\" also feeds other nodes"));
}

TEST(OnnxImport, MissingFileMessageNamesThePathAndTheConfigKey) {
  const std::string path = FixturePath("no_such_model.onnx");
  EXPECT_EQ(ImportError(path), path +
                                   ": cannot open ONNX model: no such file or directory; "
                                   "check the `network:` path");
}

TEST(OnnxImport, DirectoryIsNotAModel) {
  EXPECT_THAT(ImportError(FixturePath("")), HasSubstr("cannot open ONNX model: is a directory"));
}

TEST(OnnxImport, TruncatedFileIsNotAValidModel) {
  const std::string path = FixturePath("truncated.onnx");
  EXPECT_EQ(ImportError(path), path +
                                   ": not a valid ONNX model (protobuf parse failed: the file "
                                   "is truncated, corrupt or not ONNX); re-export the model");
}

TEST(OnnxImport, GarbageFileIsNotAValidModel) {
  const std::string path = FixturePath("garbage.onnx");
  EXPECT_EQ(ImportError(path), path +
                                   ": not a valid ONNX model (protobuf parse failed: the file "
                                   "is truncated, corrupt or not ONNX); re-export the model");
}

TEST(OnnxImport, DynamicImageDimensionNamesTheInputAndTheDimension) {
  const std::string message = ImportError(FixturePath("dynamic_dims.onnx"));
  EXPECT_THAT(message, HasSubstr("dynamic_dims.onnx: input \"image\" has a dynamic dimension 2 "
                                 "(\"height\"); only the batch dimension may be symbolic"));
}

TEST(OnnxImport, TwoGraphInputsNameBoth) {
  EXPECT_THAT(ImportError(FixturePath("two_inputs.onnx")),
              HasSubstr("two_inputs.onnx: the graph has 2 inputs (\"left\", \"right\"); qscale "
                        "needs exactly one image input"));
}

TEST(OnnxImport, TwoGraphOutputsNameBoth) {
  EXPECT_THAT(ImportError(FixturePath("two_outputs.onnx")),
              HasSubstr("two_outputs.onnx: the graph has 2 outputs (\"first\", \"second\"); "
                        "qscale needs exactly one (the logits)"));
}

}  // namespace
}  // namespace qscale::nn
