// LowerGraph: the qnn topology, with ReLUs fused into the ops that can clamp.
#include "src/quant/lower.h"

#include <gtest/gtest.h>

#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

int Count(const qnn::Network& network, qnn::OpKind kind) {
  int n = 0;
  for (const qnn::Op& op : network.ops) n += op.kind == kind;
  return n;
}

TEST(Lower, LenetReluFollowsEveryLayerButTheLastAndIsFused) {
  const Lowered lowered = LowerGraph(testing::Model("lenet5_fmnist"));
  const qnn::Network& net = lowered.network;
  ASSERT_EQ(net.ops.size(), 8u);  // 12 nodes, 4 ReLUs fused
  EXPECT_EQ(Count(net, qnn::OpKind::kRelu), 0);
  std::vector<bool> relu;
  for (const qnn::Op& op : net.ops) {
    if (qnn::IsArrayOp(op.kind)) relu.push_back(op.relu);
  }
  EXPECT_EQ(relu, (std::vector<bool>{true, true, true, true, false}));
  EXPECT_EQ(net.values[net.output].shape, (qnn::Shape{10}));
  EXPECT_EQ(net.ops[0].layer.rows, 6);
  EXPECT_EQ(net.ops[0].layer.k, 25);
  // The fused op writes the ReLU's output value, and calibration ranges follow it.
  EXPECT_EQ(net.values[net.ops[0].output].name, "/relu1/Relu_output_0");
  EXPECT_EQ(lowered.value_of[lowered.range_of[net.ops[0].output]], net.ops[0].output);
}

TEST(Lower, ResnetFusesTheReluAfterEachAddIntoTheAdd) {
  const qnn::Network net = LowerGraph(testing::Model("resnet8_fmnist")).network;
  EXPECT_EQ(Count(net, qnn::OpKind::kRelu), 0);
  EXPECT_EQ(Count(net, qnn::OpKind::kAdd), 3);
  EXPECT_EQ(Count(net, qnn::OpKind::kConv), 9);  // stem, 3 x 2 in the blocks, 2 projections
  for (const qnn::Op& op : net.ops) {
    if (op.kind == qnn::OpKind::kAdd) {
      EXPECT_TRUE(op.relu) << op.name;
      ASSERT_EQ(op.inputs.size(), 2u);
    }
  }
}

}  // namespace
}  // namespace qscale::quant
