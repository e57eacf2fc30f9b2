// rtl/multipliers/mul_csd.sv against golden::MulCsd: every operand pair at every quality 1..8
// for 8-bit weights (int8) and 11-bit weights (QSQ's decoded weights at param_bits 8) with 8-bit
// activations, and for 2-bit operands; every 16-bit weight (the 16-bit weight port) against
// corner and random activations at every quality; corners plus seeded random at 16 x 16. Also
// the two latencies (kCsdRecodeLatency for a weight load, kMulCsdLatency for a product).
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "Vmul_csd_w11a8.h"
#include "Vmul_csd_w16a16.h"
#include "Vmul_csd_w16a8.h"
#include "Vmul_csd_w2a2.h"
#include "Vmul_csd_w8a8.h"
#include "src/golden/mul_csd.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::Edge;
using rtl_test::SetField;

// The verilated multiplier behind golden::MulCsd's signature, split the way the hardware is
// used: Load(weight) recodes a weight into the row register (kCsdRecodeLatency), then
// Multiply(act, quality) returns the product kMulCsdLatency cycles later; operator() does both.
// Each throws if prod_o moves before its latency.
template <typename Model, int kWeightBits, int kActBits>
class MulCsdRtl {
 public:
  MulCsdRtl() {
    rtl_test::Reset(model_);
    if (Product() != 0) throw std::logic_error("prod_o not 0 after reset");
  }

  int64_t operator()(int32_t weight, int32_t act, int quality) {
    Load(weight);
    return Multiply(act, quality);
  }

  // Loads `weight`; afterwards weight_i carries other (random) values, which must be ignored.
  void Load(int32_t weight) {
    model_.load_i = 1;
    SetField(model_.weight_i, 0, kWeightBits, weight);
    rtl_test::RunLatency(model_, golden::kCsdRecodeLatency, [] { return 0; });
    model_.load_i = 0;
    SetField(model_.weight_i, 0, kWeightBits, static_cast<int64_t>(noise_()));
  }

  int64_t Multiply(int32_t act, int quality) {
    SetField(model_.act_i, 0, kActBits, act);
    model_.quality_i = static_cast<uint8_t>(quality);
    return rtl_test::RunLatency(model_, golden::kMulCsdLatency, [&] { return Product(); });
  }

  int64_t Product() const {
    return rtl_test::SignExtend(rtl_test::GetField(model_.prod_o, 0, kWeightBits + kActBits),
                                kWeightBits + kActBits);
  }
  Model& model() { return model_; }

 private:
  Model model_;
  std::mt19937 noise_{77};
};

// Compares one product; reports the first mismatch with its inputs and both outputs.
template <typename Rtl>
bool Check(Rtl& rtl, int32_t w, int32_t a, int q, int wb, int ab, int64_t& checked) {
  const int64_t want = golden::MulCsd(w, a, q, wb, ab);
  const int64_t got = rtl.Multiply(a, q);
  ++checked;
  if (got == want) return true;
  ADD_FAILURE() << "W=" << wb << " A=" << ab << " weight=" << w << " act=" << a << " quality=" << q
                << ": rtl " << got << ", golden " << want;
  return false;
}

std::vector<int32_t> Range(int bits) {
  std::vector<int32_t> values;
  for (int32_t v = -(1 << (bits - 1)); v < (1 << (bits - 1)); ++v) values.push_back(v);
  return values;
}

// Every weight of `kWeightBits`, each loaded once, times `acts` at every quality 1..8.
template <typename Model, int kWeightBits, int kActBits>
void CheckEveryWeight(const std::vector<int32_t>& acts) {
  MulCsdRtl<Model, kWeightBits, kActBits> rtl;
  int64_t checked = 0;
  for (int32_t w : Range(kWeightBits)) {
    rtl.Load(w);
    for (int q = golden::kCsdMinQuality; q <= golden::kCsdMaxQuality; ++q) {
      for (int32_t a : acts) {
        if (!Check(rtl, w, a, q, kWeightBits, kActBits, checked)) return;
      }
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(MulCsdRtl, MatchesGoldenForEveryOperandPairAndQualityAt8x8) {
  CheckEveryWeight<Vmul_csd_w8a8, 8, 8>(Range(8));
}

TEST(MulCsdRtl, MatchesGoldenForEveryOperandPairAndQualityAt11x8) {
  CheckEveryWeight<Vmul_csd_w11a8, 11, 8>(Range(8));
}

TEST(MulCsdRtl, MatchesGoldenForEveryOperandPairAndQualityAt2x2) {
  CheckEveryWeight<Vmul_csd_w2a2, 2, 2>(Range(2));
}

TEST(MulCsdRtl, MatchesGoldenForEvery16BitWeightAtEveryQuality) {
  std::mt19937 rng(16);
  std::vector<int32_t> acts = {-128, -127, -1, 0, 1, 126, 127};
  for (int i = 0; i < 3; ++i) acts.push_back(static_cast<int32_t>(rng() % 256) - 128);
  CheckEveryWeight<Vmul_csd_w16a8, 16, 8>(acts);
}

TEST(MulCsdRtl, MatchesGoldenOnCornersAndSeededRandomAt16x16) {
  MulCsdRtl<Vmul_csd_w16a16, 16, 16> rtl;
  int64_t checked = 0;
  const std::vector<int32_t> corners = {-32768, -32767, -21846, -1, 0, 1, 21845, 32766, 32767};
  for (int32_t w : corners) {
    rtl.Load(w);
    for (int q = 1; q <= 8; ++q) {
      for (int32_t a : corners) {
        if (!Check(rtl, w, a, q, 16, 16, checked)) return;
      }
    }
  }
  std::mt19937_64 rng(1616);
  std::uniform_int_distribution<int32_t> operand(-32768, 32767);
  for (int i = 0; i < 50000; ++i) {
    const int32_t w = operand(rng);
    rtl.Load(w);
    for (int q = 1; q <= 8; ++q) {
      if (!Check(rtl, w, operand(rng), q, 16, 16, checked)) return;
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(MulCsdRtl, ALoadedWeightMultipliesFromTheNextCycleAndQualityActsAtOnce) {
  MulCsdRtl<Vmul_csd_w8a8, 8, 8> rtl;
  Vmul_csd_w8a8& m = rtl.model();
  rtl.Load(91);  // 128 - 32 - 4 - 1
  // Cycle t: load 7 while multiplying 3 at quality 2 -> the product uses the old weight 91.
  m.load_i = 1;
  m.weight_i = 7;
  m.act_i = 3;
  m.quality_i = 2;
  rtl_test::Tick(m);
  EXPECT_EQ(rtl.Product(), golden::MulCsd(91, 3, 2, 8, 8));  // 288
  // Cycle t+1: the new weight, at quality 1 (8 only) and 2 (8 - 1).
  m.load_i = 0;
  m.quality_i = 1;
  rtl_test::Tick(m);
  EXPECT_EQ(rtl.Product(), golden::MulCsd(7, 3, 1, 8, 8));  // 24
  m.quality_i = 2;
  rtl_test::Tick(m);
  EXPECT_EQ(rtl.Product(), 21);
  // Quality 0 keeps no row; a quality above the rows keeps all.
  m.quality_i = 0;
  rtl_test::Tick(m);
  EXPECT_EQ(rtl.Product(), 0);
  m.quality_i = 15;
  rtl_test::Tick(m);
  EXPECT_EQ(rtl.Product(), 21);
  std::cout << 5 << " vectors\n";
}

}  // namespace
}  // namespace qscale
