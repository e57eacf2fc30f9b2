// Port semantics shared by every golden unit: operands keep their low bits, sign-extended.
#include "src/golden/wrap.h"

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

TEST(Wrap, SignedValuesInRangePassUnchanged) {
  for (int bits = 1; bits <= 16; ++bits) {
    const int lo = -(1 << (bits - 1));
    const int hi = (1 << (bits - 1)) - 1;
    for (int v = lo; v <= hi; ++v) ASSERT_EQ(WrapSigned(v, bits), v) << "bits=" << bits;
  }
  EXPECT_EQ(WrapSigned(INT32_MIN, 32), INT32_MIN);
  EXPECT_EQ(WrapSigned(INT32_MAX, 32), INT32_MAX);
}

TEST(Wrap, SignedValuesOutOfRangeKeepTheirLowBitsSignExtended) {
  EXPECT_EQ(WrapSigned(200, 8), -56);   // 0xC8 -> -56
  EXPECT_EQ(WrapSigned(-129, 8), 127);  // ...1_0111_1111 -> 0x7F
  EXPECT_EQ(WrapSigned(128, 8), -128);
  EXPECT_EQ(WrapSigned(1, 1), -1);  // a 1-bit signed port holds {-1, 0}
  EXPECT_EQ(WrapSigned(int64_t{1} << 40, 16), 0);
  EXPECT_EQ(WrapSigned((int64_t{1} << 40) + 5, 16), 5);
}

TEST(Wrap, UnsignedKeepsTheLowBits) {
  EXPECT_EQ(WrapUnsigned(-1, 3), 7u);
  EXPECT_EQ(WrapUnsigned(9, 3), 1u);
  EXPECT_EQ(WrapUnsigned(-1, 32), 0xFFFFFFFFu);
}

}  // namespace
}  // namespace qscale::golden
