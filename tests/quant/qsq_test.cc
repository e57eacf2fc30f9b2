// The qsq quantizer: 3-bit shift-and-scale codes with per-vector scales (DESIGN.md 1.2).
#include "src/quant/qsq.h"

#include <cmath>
#include <set>
#include <variant>

#include <gtest/gtest.h>

#include "src/golden/qsq_decoder.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

config::QsqSpec QsqOf(int levels, bool mean = false, int vector = config::kQsqVectorPerFilter) {
  config::QsqSpec spec;
  spec.levels = levels;
  spec.mean = mean;
  spec.vector_length = vector;
  return spec;
}

qnn::Network Quantized(const config::QsqSpec& qsq, const std::string& model = "lenet5_fmnist") {
  config::QuantSpec spec = testing::Spec(config::QuantScheme::kQsq);
  spec.qsq = qsq;
  return testing::QuantizeModel(model, spec);
}

TEST(Qsq, FitRecoversTheScaleOfAVectorAlreadyOnItsLevels) {
  const float s = 0.0375f;
  const std::vector<float> w = {0, s, -s, 2 * s, -2 * s, 4 * s, -4 * s, 0, s, 4 * s, -s, 2 * s};
  for (bool mean : {false, true}) {
    const QsqFit fit = FitQsqVector(w.data(), static_cast<int>(w.size()), 7, mean);
    EXPECT_NEAR(fit.scale, s, 1e-7) << mean;
    EXPECT_NEAR(fit.mean, 0, 1e-7) << mean;
  }
}

TEST(Qsq, WeightsAlreadyOnLevelSetsWithStorableScalesAreKeptBitForBit) {
  // Three filters at scales 5, 3 and 6 x 2^-7 (the last one never uses the magnitude 1, so its
  // smallest |w| is 2 s), and an all-zero filter: what models/qat.py exports.
  const float u = std::ldexp(1.0f, -7);
  nn::Node node;
  node.op = nn::OpKind::kDense;
  node.weights = {0, 5 * u, -10 * u, 20 * u,  3 * u, -3 * u, 12 * u, 0,
                  12 * u, -24 * u, 0, 12 * u, 0, 0, 0, 0};
  for (bool nearest : {true, false}) {
    qnn::Layer layer;
    layer.rows = 4;
    layer.k = 4;
    std::vector<double> identity(4 * 4, 0.0);  // a k x k Hessian
    for (int i = 0; i < 4; ++i) identity[i * 4 + i] = 1;
    QuantizeQsqWeights(node, QsqOf(7), nearest ? nullptr : &identity, layer);
    const auto& code = std::get<qnn::QsqCoding>(layer.code);
    // The largest F at which every scale is a param_bits-bit integer: 96 = 6 x 2^4 <= 127.
    EXPECT_EQ(code.frac_bits, 11);
    EXPECT_EQ(code.scales, (std::vector<int32_t>{80, 48, 96, 0}));
    for (int i = 0; i < 16; ++i) {
      EXPECT_EQ(static_cast<float>(layer.weights[i] * layer.weight_scale[i / 4]), node.weights[i])
          << i;
    }
  }
}

TEST(Qsq, ZeroCodeDecodesToExactZeroEvenWithAMean) {
  const qnn::Network net = Quantized(QsqOf(7, /*mean=*/true));
  int64_t zeros = 0;
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const auto& code = std::get<qnn::QsqCoding>(op.layer.code);
    ASSERT_EQ(code.means.size(), code.scales.size());
    for (size_t i = 0; i < code.codes.size(); ++i) {
      if ((code.codes[i] & 3) == 0) {
        ASSERT_EQ(op.layer.weights[i], 0) << op.name << " weight " << i;
        ++zeros;
      }
    }
  }
  EXPECT_GT(zeros, 0);
}

TEST(Qsq, FewerLevelsUseOnlyTheirMagnitudesAndStoreTwoBitsAtThree) {
  for (int levels : {3, 5, 7}) {
    const qnn::Network net = Quantized(QsqOf(levels));
    std::set<int> magnitudes;
    for (const qnn::Op& op : net.ops) {
      if (!qnn::IsArrayOp(op.kind)) continue;
      const auto& code = std::get<qnn::QsqCoding>(op.layer.code);
      for (uint8_t c : code.codes) {
        ASSERT_TRUE(golden::QsqCodeIsLegal(c, levels)) << int(c) << " at " << levels;
        magnitudes.insert(c & 3);
      }
      EXPECT_EQ(op.layer.storage.code_bits,
                int64_t{golden::QsqStoredCodeBits(levels)} * op.layer.rows * op.layer.k);
    }
    EXPECT_EQ(static_cast<int>(magnitudes.size()), (levels + 1) / 2) << levels;
  }
}

TEST(Qsq, ScalesFitParamBitsAndVectorsFollowTheVectorKey) {
  for (int param_bits : {4, 8}) {
    config::QsqSpec spec = QsqOf(7, false, 48);
    spec.param_bits = param_bits;
    const qnn::Network net = Quantized(spec);
    for (const qnn::Op& op : net.ops) {
      if (!qnn::IsArrayOp(op.kind)) continue;
      const auto& code = std::get<qnn::QsqCoding>(op.layer.code);
      const int64_t count = int64_t{op.layer.rows} * op.layer.k;
      EXPECT_EQ(static_cast<int64_t>(code.scales.size()), (count + 47) / 48) << op.name;
      for (int32_t s : code.scales) {
        ASSERT_GE(s, 0);
        ASSERT_LT(s, 1 << (param_bits - 1));
      }
      EXPECT_EQ(op.layer.storage.param_bits,
                static_cast<int64_t>(code.scales.size()) * param_bits + 8);
    }
  }
}

TEST(Qsq, WeightMemoryIsAtLeastEightyPercentBelowFp32CountingParameters) {
  const qnn::Network net = Quantized(QsqOf(7));
  int64_t stored = 0, fp32 = 0;
  for (const qnn::Op& op : net.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    stored += op.layer.storage.Total();
    fp32 += 32 * (int64_t{op.layer.rows} * op.layer.k + op.layer.rows);
  }
  EXPECT_LT(static_cast<double>(stored) / fp32, 0.2) << stored << " of " << fp32;
}

}  // namespace
}  // namespace qscale::quant
