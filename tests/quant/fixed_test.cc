// The fixed quantizer: the fixed-point format and the budgeted search (DESIGN.md 1.1).
#include "src/quant/fixed.h"

#include <cmath>
#include <variant>

#include <gtest/gtest.h>

#include "src/golden/requantize.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

TEST(Fixed, QuantizerRoundsThenClipsSymmetrically) {
  EXPECT_DOUBLE_EQ(FixedQuantize(0.3, {4, 2}), 0.25);    // round(1.2) = 1
  EXPECT_DOUBLE_EQ(FixedQuantize(0.4, {4, 2}), 0.5);     // round(1.6) = 2
  EXPECT_DOUBLE_EQ(FixedQuantize(5.0, {4, 2}), 1.75);    // clip at 7
  EXPECT_DOUBLE_EQ(FixedQuantize(-5.0, {4, 2}), -1.75);  // symmetric: -7, not -8
  EXPECT_DOUBLE_EQ(FixedQuantize(9.0, {3, -2}), 8.0);     // F < 0: steps of 4, round(2.25) = 2
  EXPECT_DOUBLE_EQ(FixedQuantize(100.0, {3, -2}), 12.0);  // clip at 3 steps
  EXPECT_DOUBLE_EQ(FixedQuantize(0.01, {3, 6}), 0.015625);  // F > BW
  EXPECT_DOUBLE_EQ(FixedQuantize(123.0, {1, 0}), 0.0);      // BW 1: all zero
}

TEST(Fixed, NoClipFracIsTheLargestFThatHoldsTheMaximum) {
  EXPECT_EQ(NoClipFrac(0.9, 8), 7);   // 0.9 * 128 = 115 <= 127; * 256 would not fit
  EXPECT_EQ(NoClipFrac(1.0, 8), 6);   // 128 > 127
  EXPECT_EQ(NoClipFrac(100.0, 4), -4);  // 100 / 16 = 6.25 -> 6 <= 7
  EXPECT_EQ(NoClipFrac(0.0, 8), 7);
}

TEST(Fixed, SearchGivesPowerOfTwoScalesAndPureShiftRequantization) {
  config::QuantSpec spec = testing::Spec(config::QuantScheme::kFixed);
  const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", spec);
  for (const qnn::Value& value : net.values) {
    int exponent = 0;
    EXPECT_EQ(std::frexp(value.scale, &exponent), 0.5) << value.name;
  }
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const auto& code = std::get<qnn::IntCoding>(op.layer.code);
    EXPECT_TRUE(code.power_of_two);
    EXPECT_GE(code.bits, 1);
    EXPECT_LE(code.bits, 13);
    EXPECT_DOUBLE_EQ(op.layer.weight_scale[0], std::ldexp(1.0, -code.frac_bits));
    for (const qnn::Requant& rq : op.layer.requant) EXPECT_EQ(rq.multiplier, 1 << 30) << op.name;
    EXPECT_EQ(op.layer.storage.code_bits, int64_t{code.bits} * op.layer.rows * op.layer.k);
    EXPECT_EQ(op.layer.storage.bias_bits, int64_t{code.bias_bits} * op.layer.rows);
  }
  const FixedCosts costs = FixedCostRatios(net);
  EXPECT_GT(costs.memory_ratio, 0);
  EXPECT_LT(costs.memory_ratio, 1.5);
  EXPECT_GT(costs.multiplication_ratio, 0);
}

TEST(Fixed, CostRatiosFollowTheWidthsOnAHandBuiltNetwork) {
  // Input {4} at 8 bits -> Dense 2x4 (BW_w 4, BW_b 2) -> {2} at 6 bits.
  qnn::Network net;
  net.values = {{"x", {4}, 8, 1.0}, {"y", {2}, 6, 1.0}};
  net.input = 0;
  net.output = 1;
  qnn::Op op;
  op.kind = qnn::OpKind::kDense;
  op.inputs = {0};
  op.output = 1;
  op.layer.rows = 2;
  op.layer.k = 4;
  op.layer.weights.assign(8, 0);
  op.layer.code = qnn::IntCoding{4, true, 0, 2, 0};
  net.ops.push_back(op);
  const FixedCosts costs = FixedCostRatios(net);
  // memory: (4 x 8 + 2 x 2 + 6 x 2) / (8 x 8 + 8 x 2 + 8 x 2) = 48 / 96
  EXPECT_DOUBLE_EQ(costs.memory_ratio, 0.5);
  EXPECT_DOUBLE_EQ(costs.multiplication_ratio, 4.0 * 6 / 64);
  EXPECT_DOUBLE_EQ(costs.operand_multiplication_ratio, 4.0 * 8 / 64);
}

}  // namespace
}  // namespace qscale::quant
