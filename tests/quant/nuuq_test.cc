// The nuuq quantizer: k-means levels snapped to a uniform grid, packed indices (DESIGN.md 1.3).
#include "src/quant/nuuq.h"

#include <algorithm>
#include <variant>

#include <gtest/gtest.h>

#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

qnn::Network Quantized(int levels, config::NuuqPacking packing = config::NuuqPacking::kDense,
                       config::NuuqGranularity granularity = config::NuuqGranularity::kChannel) {
  config::QuantSpec spec = testing::Spec(config::QuantScheme::kNuuq);
  spec.nuuq.levels = levels;
  spec.nuuq.packing = packing;
  spec.nuuq.granularity = granularity;
  return testing::QuantizeModel("lenet5_fmnist", spec);
}

TEST(Nuuq, KMeansFindsSeparatedClustersOnTheGrid) {
  std::vector<double> values;
  for (int i = 0; i < 50; ++i) {
    values.push_back(-90 + (i % 5) * 0.3);
    values.push_back(10 + (i % 3) * 0.2);
    values.push_back(100.2);
  }
  EXPECT_EQ(NuuqLevels(values, 3, 8), (std::vector<int32_t>{-89, 10, 100}));
}

TEST(Nuuq, ValuesAlreadyOnAtMostNGridPointsKeepThosePointsAndFillTheRestFromZero) {
  EXPECT_EQ(NuuqLevels({-127, 3, 3, 127, -127}, 3, 8), (std::vector<int32_t>{-127, 3, 127}));
  EXPECT_EQ(NuuqLevels({-127, 3, 127.00001}, 5, 8), (std::vector<int32_t>{-127, 0, 1, 3, 127}));
  EXPECT_EQ(NuuqLevels({-40, 127}, 4, 8), (std::vector<int32_t>{-40, 0, 1, 127}));
}

TEST(Nuuq, LevelsAreDistinctAscendingGridPointsEvenForFewValues) {
  const std::vector<int32_t> levels = NuuqLevels({0.1, 0.2}, 5, 4);
  ASSERT_EQ(levels.size(), 5u);
  EXPECT_TRUE(std::is_sorted(levels.begin(), levels.end()));
  EXPECT_EQ(std::adjacent_find(levels.begin(), levels.end()), levels.end());
  EXPECT_GE(levels.front(), -8);
  EXPECT_LE(levels.back(), 7);
}

TEST(Nuuq, OneTablePerChannelOrPerLayerEachSortedOnTheGrid) {
  for (auto granularity : {config::NuuqGranularity::kChannel, config::NuuqGranularity::kLayer}) {
    const qnn::Network net = Quantized(5, config::NuuqPacking::kDense, granularity);
    for (const qnn::Op& op : net.ops) {
      if (!qnn::IsArrayOp(op.kind)) continue;
      const auto& code = std::get<qnn::NuuqCoding>(op.layer.code);
      EXPECT_EQ(static_cast<int>(code.luts.size()),
                granularity == config::NuuqGranularity::kChannel ? op.layer.rows : 1);
      for (const auto& lut : code.luts) {
        ASSERT_EQ(lut.size(), 5u);
        EXPECT_TRUE(std::is_sorted(lut.begin(), lut.end()));
        EXPECT_GE(lut.front(), -128);
        EXPECT_LE(lut.back(), 127);
      }
    }
  }
}

TEST(Nuuq, ThreeLevelsPackDenselyIntoAtMostOnePointSixBitsPerWeight) {
  int64_t weights = 0, dense = 0, aligned = 0;
  const qnn::Network packed = Quantized(3);
  const qnn::Network plain = Quantized(3, config::NuuqPacking::kAligned);
  for (size_t i = 0; i < packed.ops.size(); ++i) {
    if (!qnn::IsArrayOp(packed.ops[i].kind)) continue;
    weights += static_cast<int64_t>(packed.ops[i].layer.weights.size());
    dense += packed.ops[i].layer.storage.code_bits;
    aligned += plain.ops[i].layer.storage.code_bits;
  }
  EXPECT_LE(static_cast<double>(dense) / weights, 1.6);
  EXPECT_EQ(aligned, 2 * weights);
}

}  // namespace
}  // namespace qscale::quant
