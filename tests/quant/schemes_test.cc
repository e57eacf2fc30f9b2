// Properties every quantizer must have, on both trained networks: its encoding round-trips
// through the golden decoders, it is deterministic, and its storage accounting adds up.
#include <string>
#include <tuple>
#include <variant>

#include <gtest/gtest.h>

#include "src/golden/layer_decode.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

using config::QuantScheme;

class Schemes : public ::testing::TestWithParam<std::tuple<QuantScheme, std::string>> {
 protected:
  config::QuantSpec SchemeSpec() const { return testing::Spec(std::get<0>(GetParam())); }
  const std::string& ModelName() const { return std::get<1>(GetParam()); }
};

TEST_P(Schemes, EveryLayerDecodesToTheWeightsTheEngineUses) {
  const qnn::Network net = testing::QuantizeModel(ModelName(), SchemeSpec());
  int layers = 0;
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    ++layers;
    EXPECT_EQ(golden::DecodeLayerWeights(op.layer), op.layer.weights) << op.name;
  }
  EXPECT_GT(layers, 0);
}

TEST_P(Schemes, SameInputsGiveTheSameNetwork) {
  const qnn::Network a = testing::QuantizeModel(ModelName(), SchemeSpec());
  const qnn::Network b = testing::QuantizeModel(ModelName(), SchemeSpec());
  ASSERT_EQ(a.ops.size(), b.ops.size());
  for (size_t i = 0; i < a.values.size(); ++i) {
    EXPECT_EQ(a.values[i].bits, b.values[i].bits);
    EXPECT_EQ(a.values[i].scale, b.values[i].scale);
  }
  for (size_t i = 0; i < a.ops.size(); ++i) {
    const qnn::Layer& x = a.ops[i].layer;
    const qnn::Layer& y = b.ops[i].layer;
    EXPECT_EQ(x.weights, y.weights) << a.ops[i].name;
    EXPECT_EQ(x.bias, y.bias) << a.ops[i].name;
    ASSERT_EQ(x.requant.size(), y.requant.size());
    for (size_t r = 0; r < x.requant.size(); ++r) {
      EXPECT_EQ(x.requant[r].multiplier, y.requant[r].multiplier);
      EXPECT_EQ(x.requant[r].shift, y.requant[r].shift);
    }
    EXPECT_EQ(a.ops[i].add.a_multiplier, b.ops[i].add.a_multiplier);
    EXPECT_EQ(a.ops[i].add.shift, b.ops[i].add.shift);
  }
}

TEST_P(Schemes, EveryWeightFitsItsRowWidthAndEveryValueItsFormat) {
  const qnn::Network net = testing::QuantizeModel(ModelName(), SchemeSpec());
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const qnn::Layer& layer = op.layer;
    for (int r = 0; r < layer.rows; ++r) {
      const int64_t top = (int64_t{1} << (layer.row_weight_bits[r] - 1)) - 1;
      for (int k = 0; k < layer.k; ++k) {
        const int32_t w = layer.weights[static_cast<size_t>(r) * layer.k + k];
        ASSERT_LE(w, top) << op.name << " row " << r;
        ASSERT_GE(w, -top - 1) << op.name << " row " << r;
      }
      EXPECT_GT(layer.requant[r].multiplier, 0) << op.name;
    }
    EXPECT_GT(layer.storage.code_bits, 0);
    EXPECT_GT(layer.storage.Total(), layer.storage.code_bits - 1);
  }
  for (const qnn::Value& value : net.values) {
    EXPECT_GE(value.bits, 2) << value.name;
    EXPECT_LE(value.bits, 16) << value.name;
    EXPECT_GT(value.scale, 0) << value.name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, Schemes,
    ::testing::Combine(::testing::Values(QuantScheme::kInt8, QuantScheme::kQsq,
                                         QuantScheme::kNuuq, QuantScheme::kMsq),
                       ::testing::Values("lenet5_fmnist", "resnet8_fmnist")),
    [](const auto& info) {
      return std::string(config::ToString(std::get<0>(info.param))) + "_" +
             std::get<1>(info.param).substr(0, std::get<1>(info.param).find('_'));
    });

INSTANTIATE_TEST_SUITE_P(Fixed, Schemes,
                         ::testing::Combine(::testing::Values(QuantScheme::kFixed),
                                            ::testing::Values("lenet5_fmnist")),
                         [](const auto&) { return std::string("fixed_lenet5"); });

}  // namespace
}  // namespace qscale::quant
