// The two halves of the CSD multiplier as the arrays use them apart: rtl/multipliers/
// csd_recoder.sv (once per array column, in the weight-load path) against golden::CsdRowWord for
// every weight at 16, 8 and 2 bits; rtl/multipliers/mul_csd_rows.sv (every csd PE) fed with the
// recoded rows against golden::MulCsd for every weight x every quality 1..8 x every 8-bit
// activation (W8 A8) and x corner and random activations (W16 A16), plus golden::MulCsdRows for
// the port's other qualities (0 and 9..15).
#include <cstdint>
#include <iostream>
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

// mul_csd_rows with the rows of every kWeightBits weight, times `acts` at every quality 0..15:
// MulCsd at 1..8, MulCsdRows (all rows or none) elsewhere; the product one cycle later
// (kMulCsdLatency) and 0 after reset.
template <typename Model, int kWeightBits, int kActBits>
void CheckShiftAdd(const std::vector<int32_t>& acts) {
  Model model;
  rtl_test::Reset(model);
  ASSERT_EQ(GetField(model.prod_o, 0, kWeightBits + kActBits), 0u);
  const int word_bits = golden::CsdRowWordBits(kWeightBits);
  int64_t checked = 0;
  for (int32_t w = -(1 << (kWeightBits - 1)); w < (1 << (kWeightBits - 1)); ++w) {
    const uint64_t rows = golden::CsdRowWord(w, kWeightBits);
    SetField(model.rows_i, 0, word_bits, static_cast<int64_t>(rows));
    for (int32_t a : acts) {
      for (int q = 0; q <= 15; ++q, ++checked) {
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
        if (q >= 1 && q <= 8) {
          ASSERT_EQ(golden::MulCsdRows(rows, a, q, kWeightBits, kActBits), want);
        }
      }
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(MulCsdRowsRtl, MatchesGoldenForEveryOperandPairAndQualityAt8x8) {
  std::vector<int32_t> acts;
  for (int32_t a = -128; a < 128; ++a) acts.push_back(a);
  CheckShiftAdd<Vmul_csd_rows_w8a8, 8, 8>(acts);
}

TEST(MulCsdRowsRtl, MatchesGoldenForEvery16BitWeightAtEveryQuality) {
  std::vector<int32_t> acts = {-32768, -32767, -1, 0, 1, 32767};
  std::mt19937 rng(5);
  for (int i = 0; i < 4; ++i) acts.push_back(static_cast<int32_t>(rng() % 65536) - 32768);
  CheckShiftAdd<Vmul_csd_rows_w16a16, 16, 16>(acts);
}

}  // namespace
}  // namespace qscale
