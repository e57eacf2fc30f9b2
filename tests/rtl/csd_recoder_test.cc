// The two halves of the CSD multiplier as the arrays use them apart: rtl/multipliers/
// csd_recoder.sv (once per array column, in the weight-load path) against golden::CsdRowWord for
// every weight at 16, 8 and 2 bits; rtl/multipliers/mul_csd_rows.sv (every csd PE) fed with the
// recoded rows, against golden::MulCsd at qualities 1..8 and golden::MulCsdRows at the port's
// other qualities (0, 9..15): every 16-bit weight x corner and random activations x every
// quality; every 8 x 8 pair at qualities 0 and 9..15 (1..8 at 8 x 8: MulCsdRtl, whose mul_csd is
// this unit behind the recoder).
#include <cstdint>
#include <iostream>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "Vcsd_recoder_w16.h"
#include "Vcsd_recoder_w2.h"
#include "Vcsd_recoder_w8.h"
#include "Vmul_csd_rows_w16a16.h"
#include "Vmul_csd_rows_w8a8.h"
#include "src/golden/mul_csd.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::GetField;
using rtl_test::SetField;

template <typename Model, int kWeightBits>
void CheckEveryWeightRecodes() {
  Model model;
  const int bits = golden::CsdRowWordBits(kWeightBits);
  int64_t checked = 0;
  for (int32_t w = -(1 << (kWeightBits - 1)); w < (1 << (kWeightBits - 1)); ++w, ++checked) {
    SetField(model.weight_i, 0, kWeightBits, w);
    model.eval();
    const uint64_t got = GetField(model.rows_o, 0, bits);
    const uint64_t want = golden::CsdRowWord(w, kWeightBits);
    ASSERT_EQ(got, want) << "W=" << kWeightBits << " weight=" << w << std::hex << ": rtl 0x" << got
                         << ", golden 0x" << want;
  }
  std::cout << checked << " vectors\n";
}

TEST(CsdRecoderRtl, MatchesGoldenRowWordForEvery16BitWeight) {
  CheckEveryWeightRecodes<Vcsd_recoder_w16, 16>();
}
TEST(CsdRecoderRtl, MatchesGoldenRowWordForEvery8BitWeight) {
  CheckEveryWeightRecodes<Vcsd_recoder_w8, 8>();
}
TEST(CsdRecoderRtl, MatchesGoldenRowWordForEvery2BitWeight) {
  CheckEveryWeightRecodes<Vcsd_recoder_w2, 2>();
}

// mul_csd_rows with the rows of every kWeightBits weight, times `acts` at each of `qualities`
// (0..15): MulCsd at 1..8, MulCsdRows (all rows or none) elsewhere; the product one cycle later
// (kMulCsdLatency) and 0 after reset.
template <typename Model, int kWeightBits, int kActBits>
void CheckShiftAdd(const std::vector<int32_t>& acts, const std::vector<int>& qualities) {
  Model model;
  rtl_test::Reset(model);
  ASSERT_EQ(GetField(model.prod_o, 0, kWeightBits + kActBits), 0u);
  const int word_bits = golden::CsdRowWordBits(kWeightBits);
  int64_t checked = 0;
  for (int32_t w = -(1 << (kWeightBits - 1)); w < (1 << (kWeightBits - 1)); ++w) {
    const uint64_t rows = golden::CsdRowWord(w, kWeightBits);
    SetField(model.rows_i, 0, word_bits, static_cast<int64_t>(rows));
    for (int32_t a : acts) {
      for (int q : qualities) {
        ++checked;
        SetField(model.act_i, 0, kActBits, a);
        model.quality_i = static_cast<uint8_t>(q);
        const int64_t got = rtl_test::RunLatency(model, golden::kMulCsdLatency, [&] {
          return rtl_test::GetSigned(model.prod_o, 0, kWeightBits + kActBits);
        });
        const int64_t want = q >= 1 && q <= 8
                                 ? golden::MulCsd(w, a, q, kWeightBits, kActBits)
                                 : golden::MulCsdRows(rows, a, q, kWeightBits, kActBits);
        ASSERT_EQ(got, want) << "W=" << kWeightBits << " A=" << kActBits << " weight=" << w
                             << " act=" << a << " quality=" << q;
      }
    }
  }
  std::cout << checked << " vectors\n";
}

// Qualities 1..8 at 8 x 8: MulCsdRtl.MatchesGoldenForEveryOperandPairAndQualityAt8x8.
TEST(MulCsdRowsRtl, MatchesGoldenForEveryOperandPairAtQualities0And9To15At8x8) {
  std::vector<int32_t> acts;
  for (int32_t a = -128; a < 128; ++a) acts.push_back(a);
  CheckShiftAdd<Vmul_csd_rows_w8a8, 8, 8>(acts, {0, 9, 10, 11, 12, 13, 14, 15});
}

TEST(MulCsdRowsRtl, MatchesGoldenForEvery16BitWeightAtEveryQuality) {
  std::vector<int32_t> acts = {-32768, -32767, -1, 0, 1, 32767};
  std::mt19937 rng(5);
  for (int i = 0; i < 4; ++i) acts.push_back(static_cast<int32_t>(rng() % 65536) - 32768);
  std::vector<int> qualities(16);
  std::iota(qualities.begin(), qualities.end(), 0);
  CheckShiftAdd<Vmul_csd_rows_w16a16, 16, 16>(acts, qualities);
}

}  // namespace
}  // namespace qscale
