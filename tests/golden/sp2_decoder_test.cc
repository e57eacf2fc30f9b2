// MSQ SP2 decoder: [sign | c1 | c2] -> ±(t1 + t2), t_i = 2^(F - c_i) or 0.
#include "src/golden/sp2_decoder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

TEST(Sp2Decoder, FormatsSplitCodeBitsEvenlyWithM1AtLeastM2) {
  const Sp2Format four = Sp2FormatForBits(4);
  EXPECT_EQ(four.m1, 2);
  EXPECT_EQ(four.m2, 1);
  EXPECT_EQ(Sp2MaxExponent(four), 3);
  const Sp2Format eight = Sp2FormatForBits(8);
  EXPECT_EQ(eight.m1, 4);
  EXPECT_EQ(eight.m2, 3);
  EXPECT_EQ(Sp2MaxExponent(eight), 15);
  for (int m = kSp2MinBits; m <= kSp2MaxBits; ++m) {
    const Sp2Format f = Sp2FormatForBits(m);
    EXPECT_EQ(f.m1 + f.m2 + 1, m);
    EXPECT_GE(f.m1, f.m2);
    EXPECT_LE(f.m1 - f.m2, 1);
  }
}

TEST(Sp2Decoder, FourBitCodesDecodeToTheHandWorkedTable) {
  // F = 3: c1 in {0, 1, 2, 3} -> t1 in {0, 4, 2, 1}; c2 in {0, 1} -> t2 in {0, 4}.
  // Positive codes 0b0 c1 c2: 000 -> 0, 001 -> 4, 010 -> 4, 011 -> 8, 100 -> 2, 101 -> 6,
  // 110 -> 1, 111 -> 5. Levels {0, 1, 2, 4, 5, 6, 8} / 8 = alpha * {0, 1/8, 1/4, 1/2, 5/8, 3/4, 1}.
  const int positive[8] = {0, 4, 4, 8, 2, 6, 1, 5};
  for (int code = 0; code < 8; ++code) {
    EXPECT_EQ(Sp2Weight(code, 4), positive[code]) << code;
    EXPECT_EQ(Sp2Weight(code | 8, 4), -positive[code]) << code;
  }
}

TEST(Sp2Decoder, TermsAreGatedShiftsWithZeroShiftWhenDisabled) {
  // 0b1011: sign 1, c1 = 01, c2 = 1 -> shifts 3 - 1 = 2 and 3 - 1 = 2, both enabled.
  const Sp2Terms t = Sp2Decode(0b1011, 4);
  EXPECT_TRUE(t.negative);
  EXPECT_TRUE(t.enable1);
  EXPECT_TRUE(t.enable2);
  EXPECT_EQ(t.shift1, 2);
  EXPECT_EQ(t.shift2, 2);
  // 0b0110: c1 = 3 -> shift 0; c2 = 0 -> disabled, shift 0.
  const Sp2Terms u = Sp2Decode(0b0110, 4);
  EXPECT_FALSE(u.negative);
  EXPECT_TRUE(u.enable1);
  EXPECT_FALSE(u.enable2);
  EXPECT_EQ(u.shift1, 0);
  EXPECT_EQ(u.shift2, 0);
  // 8-bit 0b0'1111'111: c1 = 15 -> shift 0, c2 = 7 -> shift 8: w = 1 + 256.
  const Sp2Terms v = Sp2Decode(0b01111111, 8);
  EXPECT_EQ(v.shift1, 0);
  EXPECT_EQ(v.shift2, 8);
  EXPECT_EQ(Sp2Weight(0b01111111, 8), 257);
}

TEST(Sp2Decoder, NegativeZeroDecodesToZero) {
  EXPECT_EQ(Sp2Weight(0b1000, 4), 0);
  EXPECT_EQ(Sp2Weight(0b10000000, 8), 0);
  EXPECT_TRUE(Sp2Decode(0b1000, 4).negative);
}

TEST(Sp2Decoder, EveryCodeEqualsPlusMinusQ1PlusQ2OnTheGrid) {
  for (int m = kSp2MinBits; m <= kSp2MaxBits; ++m) {
    const Sp2Format f = Sp2FormatForBits(m);
    const int big_f = Sp2MaxExponent(f);
    int64_t widest = 0;
    for (int code = 0; code < (1 << m); ++code) {
      const int c2 = code & ((1 << f.m2) - 1);
      const int c1 = (code >> f.m2) & ((1 << f.m1) - 1);
      const double q = (c1 ? std::ldexp(1.0, -c1) : 0.0) + (c2 ? std::ldexp(1.0, -c2) : 0.0);
      const double want = ((code >> (m - 1)) ? -q : q) * std::ldexp(1.0, big_f);
      const int32_t w = Sp2Weight(code, m);
      ASSERT_EQ(static_cast<double>(w), want) << "m=" << m << " code=" << code;
      ASSERT_EQ(w, Saturate(w, Sp2WeightBits(m))) << "m=" << m << " code=" << code;
      widest = std::max<int64_t>(widest, w < 0 ? -w : w);
    }
    EXPECT_EQ(widest, int64_t{1} << big_f) << m;  // c1 = c2 = 1
  }
  EXPECT_EQ(Sp2WeightBits(4), 5);  // |w| <= 8
  EXPECT_EQ(Sp2WeightBits(8), 17);
}

TEST(Sp2Decoder, CodeBitsAboveTheFormatAreIgnored) {
  EXPECT_EQ(Sp2Weight(0b1'0011, 4), Sp2Weight(0b0011, 4));
  EXPECT_EQ(Sp2Weight(-1, 4), Sp2Weight(0b1111, 4));
}

TEST(Sp2Decoder, RejectsCodeWidthsOutOfRange) {
  EXPECT_THROW(Sp2Decode(0, 2), std::invalid_argument);
  EXPECT_THROW(Sp2Decode(0, 9), std::invalid_argument);
  EXPECT_THROW(Sp2FormatForBits(1), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
