// The engine's shortcut: every PE product equals the effective weight times the activation, for
// every weight of the real quantized networks, every scheme and multiplier.
#include "src/golden/pe_product.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/quant/quant_fixture.h"

namespace qscale::golden {
namespace {

TEST(PeProduct, UnitProductEqualsEffectiveWeightTimesActivation) {
  const int32_t acts[] = {-128, -77, -1, 0, 1, 55, 127};
  int64_t checked = 0;
  for (auto scheme : {config::QuantScheme::kInt8, config::QuantScheme::kQsq,
                      config::QuantScheme::kNuuq, config::QuantScheme::kMsq}) {
    const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", testing::Spec(scheme));
    for (Datapath dp : {Datapath{MulKind::kExact, 8, 32}, Datapath{MulKind::kCsd, 1, 32},
                        Datapath{MulKind::kCsd, 3, 32}, Datapath{MulKind::kBitSerial, 8, 32}}) {
      for (const qnn::Op& op : net.ops) {
        if (!qnn::IsArrayOp(op.kind)) continue;
        for (int r = 0; r < op.layer.rows; ++r) {
          for (int k = 0; k < op.layer.k; ++k) {
            const int64_t w = EffectiveWeight(op.layer, r, k, dp);
            for (int32_t a : acts) {
              ASSERT_EQ(UnitProduct(op.layer, r, k, a, 8, dp), w * a)
                  << config::ToString(scheme) << " " << op.name << " (" << r << "," << k
                  << ") act " << a;
              ++checked;
            }
          }
        }
      }
    }
  }
  std::cout << checked << " products\n";
}

TEST(PeProduct, CsdQualityApproximatesAndEightDigitsAreExact) {
  const qnn::Network net =
      testing::QuantizeModel("lenet5_fmnist", testing::Spec(config::QuantScheme::kInt8));
  int64_t changed = 0;
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    for (int r = 0; r < op.layer.rows; ++r) {
      for (int k = 0; k < op.layer.k; ++k) {
        const int32_t w = op.layer.weights[static_cast<size_t>(r) * op.layer.k + k];
        ASSERT_EQ(EffectiveWeight(op.layer, r, k, {MulKind::kCsd, 8, 32}), w);
        changed += EffectiveWeight(op.layer, r, k, {MulKind::kCsd, 1, 32}) != w;
      }
    }
  }
  EXPECT_GT(changed, 1000);
}

}  // namespace
}  // namespace qscale::golden
