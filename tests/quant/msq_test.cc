// The msq quantizer: SP2 and fixed-point rows, 4- and 8-bit rows (DESIGN.md 1.4).
#include "src/quant/msq.h"

#include <cmath>
#include <variant>

#include <gtest/gtest.h>

#include "src/golden/sp2_decoder.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

qnn::Network Quantized(double sp2_ratio, double high_ratio, const std::string& model) {
  config::QuantSpec spec = testing::Spec(config::QuantScheme::kMsq);
  spec.msq.sp2_ratio = sp2_ratio;
  spec.msq.high_precision_ratio = high_ratio;
  return testing::QuantizeModel(model, spec);
}

TEST(Msq, EachLayerHasExactlyTheConfiguredShareOfSp2AndEightBitRows) {
  for (double ratio : {0.0, 0.25, 0.5, 1.0}) {
    for (const char* model : {"lenet5_fmnist", "resnet8_fmnist"}) {
      const qnn::Network net = Quantized(ratio, 0.1, model);
      for (const qnn::Op& op : net.ops) {
        if (!qnn::IsArrayOp(op.kind)) continue;
        const qnn::Layer& layer = op.layer;
        const auto& code = std::get<qnn::MsqCoding>(layer.code);
        int sp2 = 0, high = 0;
        for (int r = 0; r < layer.rows; ++r) {
          const bool is_sp2 = layer.row_kind[r] == qnn::RowKind::kSp2;
          sp2 += is_sp2;
          high += code.row_bits[r] == 8;
          EXPECT_EQ(layer.row_weight_bits[r],
                    is_sp2 ? golden::Sp2WeightBits(code.row_bits[r]) : code.row_bits[r]);
        }
        EXPECT_EQ(sp2, std::lround(ratio * layer.rows)) << op.name << " ratio " << ratio;
        EXPECT_EQ(high, std::lround(0.1 * layer.rows)) << op.name;
      }
    }
  }
}

TEST(Msq, RowScalesFollowAlphaAndTheRowFormat) {
  const qnn::Network net = Quantized(0.5, 0.1, "lenet5_fmnist");
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const qnn::Layer& layer = op.layer;
    const auto& code = std::get<qnn::MsqCoding>(layer.code);
    for (int r = 0; r < layer.rows; ++r) {
      const int bits = code.row_bits[r];
      const double unit =
          layer.row_kind[r] == qnn::RowKind::kSp2
              ? std::ldexp(1.0, -golden::Sp2MaxExponent(golden::Sp2FormatForBits(bits)))
              : 1.0 / ((1 << (bits - 1)) - 1);
      EXPECT_DOUBLE_EQ(layer.weight_scale[r], code.alpha * unit) << op.name << " row " << r;
    }
    EXPECT_EQ(layer.storage.param_bits, 32 + 2 * layer.rows);
  }
}

}  // namespace
}  // namespace qscale::quant
