// Exact signed multiplier: w * a of operands wrapped to their port widths.
#include "src/golden/mul_exact.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

TEST(MulExact, EqualsTheIntegerProductForEvery8BitPair) {
  for (int w = -128; w < 128; ++w) {
    for (int a = -128; a < 128; ++a) ASSERT_EQ(MulExact(w, a, 8, 8), w * a) << w << " " << a;
  }
}

TEST(MulExact, MostNegativeOperandsGiveTheLargestProductWithoutOverflow) {
  EXPECT_EQ(MulExact(-128, -128, 8, 8), 16384);  // 2^14 fits in 16 bits
  EXPECT_EQ(MulExact(-32768, -32768, 16, 16), int32_t{1} << 30);
  EXPECT_EQ(MulExact(-32768, 32767, 16, 16), -32768 * 32767);
  EXPECT_EQ(MulExact(-1, -1, 1, 1), 1);  // 1-bit signed ports hold {-1, 0}
  for (int wb = kMulExactMinBits; wb <= kMulExactMaxBits; ++wb) {
    for (int ab = kMulExactMinBits; ab <= kMulExactMaxBits; ++ab) {
      const int64_t p = MulExact(static_cast<int32_t>(MinSigned(wb)),
                                 static_cast<int32_t>(MinSigned(ab)), wb, ab);
      EXPECT_EQ(p, MinSigned(wb) * MinSigned(ab));
      EXPECT_EQ(p, Saturate(p, wb + ab)) << wb << "x" << ab;
    }
  }
}

TEST(MulExact, OperandsOutsideTheirWidthWrapLikePorts) {
  EXPECT_EQ(MulExact(200, 3, 8, 8), -168);         // 200 reads as -56
  EXPECT_EQ(MulExact(3, 1, 2, 8), -1);             // 0b11 on a 2-bit port is -1
  EXPECT_EQ(MulExact(5, 70000, 4, 16), 5 * 4464);  // 70000 mod 2^16 = 4464
}

TEST(MulExact, RejectsWidthsOutOfRange) {
  EXPECT_THROW(MulExact(0, 0, 0, 8), std::invalid_argument);
  EXPECT_THROW(MulExact(0, 0, 8, 17), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
