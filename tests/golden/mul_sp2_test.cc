// MSQ shift-add multiplier: ±((act << s1) + (act << s2)) == Sp2Weight(code) * act, always.
#include "src/golden/mul_sp2.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"
#include "src/golden/sp2_decoder.h"

namespace qscale::golden {
namespace {

TEST(MulSp2, HandWorkedProducts) {
  // 4-bit 0b1011: -(2^2 + 2^2) = -8; times 3: -((3 << 2) + (3 << 2)) = -24.
  EXPECT_EQ(MulSp2(0b1011, 3, 4, 8), -24);
  // 4-bit 0b0101: c1 = 2 -> shift 1, c2 = 1 -> shift 2: (5 << 1) + (5 << 2) = 30.
  EXPECT_EQ(MulSp2(0b0101, 5, 4, 8), 30);
  // Terms given directly: -((5 << 2) + (5 << 0)) = -25.
  Sp2Terms t;
  t.negative = true;
  t.enable1 = t.enable2 = true;
  t.shift1 = 2;
  t.shift2 = 0;
  EXPECT_EQ(MulSp2(t, 5, 8), -25);
  // A disabled term contributes 0 whatever its shift field holds.
  t.enable2 = false;
  t.shift2 = 13;
  EXPECT_EQ(MulSp2(t, 5, 8), -20);
}

TEST(MulSp2, ProductEqualsDecodedWeightTimesActForEveryCodeAndAct) {
  int64_t checked = 0;
  for (int m = kSp2MinBits; m <= kSp2MaxBits; ++m) {
    for (int code = 0; code < (1 << m); ++code) {
      const Sp2Terms terms = Sp2Decode(code, m);
      const int64_t w = Sp2Weight(code, m);
      for (int act_bits : {8, 16}) {
        const int lo = -(1 << (act_bits - 1));
        const int hi = (1 << (act_bits - 1)) - 1;
        for (int a = lo; a <= hi; ++a, ++checked) {
          const int32_t p = MulSp2(terms, a, act_bits);
          if (p != w * a) {
            FAIL() << "m=" << m << " code=" << code << " act=" << a << ": " << p << " != " << w * a;
          }
        }
      }
      ASSERT_EQ(MulSp2(code, -7, m, 8), w * -7);
    }
  }
  EXPECT_EQ(checked, 504 * (256 + 65536));
}

TEST(MulSp2, ExtremeProductsFitInProductBits) {
  EXPECT_EQ(Sp2ProductBits(4, 8), 12);
  EXPECT_EQ(Sp2ProductBits(8, 16), 32);
  for (int m = kSp2MinBits; m <= kSp2MaxBits; ++m) {
    for (int act_bits = kMulSp2MinActBits; act_bits <= kMulSp2MaxActBits; ++act_bits) {
      const int bits = Sp2ProductBits(m, act_bits);
      for (int code = 0; code < (1 << m); ++code) {
        for (int64_t a : {MinSigned(act_bits), MaxSigned(act_bits)}) {
          const int64_t p = MulSp2(code, static_cast<int32_t>(a), m, act_bits);
          ASSERT_EQ(p, Sp2Weight(code, m) * a);
          ASSERT_EQ(p, Saturate(p, bits)) << "m=" << m << " act_bits=" << act_bits;
        }
      }
    }
  }
  // The widest: w = -2^15 (8-bit code 0b1'0001'001) times act = -2^15 is 2^30.
  EXPECT_EQ(MulSp2(0b10001001, -32768, 8, 16), int32_t{1} << 30);
}

TEST(MulSp2, ActOutsideActBitsWrapsLikeAPort) {
  EXPECT_EQ(MulSp2(0b0110, 200, 4, 8), -56);  // w = 1, act 200 reads as -56
}

TEST(MulSp2, RejectsActBitsAndShiftsOutOfRange) {
  EXPECT_THROW(MulSp2(0, 0, 4, 1), std::invalid_argument);
  EXPECT_THROW(MulSp2(0, 0, 4, 17), std::invalid_argument);
  Sp2Terms t;
  t.enable1 = true;
  t.shift1 = kMulSp2MaxShift + 1;
  EXPECT_THROW(MulSp2(t, 1, 8), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
