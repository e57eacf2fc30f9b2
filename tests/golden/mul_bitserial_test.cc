// Bit-serial multiplier: one weight bit per cycle, LSB first, the MSB subtracted.
#include "src/golden/mul_bitserial.h"

#include <random>
#include <stdexcept>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

TEST(MulBitSerial, HandWorkedStepsOfMinusThreeTimesFive) {
  // w = -3 = 0b1101 (4 bits), a = 5: +5 (bit 0), +0 (bit 1), +20 (bit 2), -40 (bit 3, the MSB).
  BitSerialState s;
  s = BitSerialStep(s, -3, 5, 4, 8);
  EXPECT_EQ(s.partial, 5);
  EXPECT_EQ(s.cycle, 1);
  s = BitSerialStep(s, -3, 5, 4, 8);
  EXPECT_EQ(s.partial, 5);
  s = BitSerialStep(s, -3, 5, 4, 8);
  EXPECT_EQ(s.partial, 25);
  s = BitSerialStep(s, -3, 5, 4, 8);
  EXPECT_EQ(s.partial, -15);
  EXPECT_EQ(s.cycle, 4);
  EXPECT_EQ(MulBitSerial(-3, 5, 4, 8), -15);
}

TEST(MulBitSerial, StepModelEqualsExactProductForEvery8x8Pair) {
  for (int w = -128; w < 128; ++w) {
    const int unsigned_w = w & 0xFF;
    for (int a = -128; a < 128; ++a) {
      BitSerialState s;
      for (int k = 1; k <= 8; ++k) {
        s = BitSerialStep(s, w, a, 8, 8);
        ASSERT_EQ(s.cycle, k);
        // Before the MSB, P_k is a times the k low weight bits read as unsigned.
        if (k < 8) {
          ASSERT_EQ(s.partial, a * (unsigned_w & ((1 << k) - 1))) << w << " " << a;
        }
        ASSERT_EQ(s.partial, Saturate(s.partial, 16)) << "partial sum exceeds A + B bits";
      }
      ASSERT_EQ(s.partial, w * a) << w << " " << a;
      ASSERT_EQ(MulBitSerial(w, a, 8, 8), w * a);
    }
  }
}

TEST(MulBitSerial, SixteenBitCornersAndRandomPairsAreExact) {
  EXPECT_EQ(MulBitSerial(-32768, -32768, 16, 16), int32_t{1} << 30);
  EXPECT_EQ(MulBitSerial(-32768, 32767, 16, 16), -32768 * 32767);
  EXPECT_EQ(MulBitSerial(32767, -32768, 16, 16), 32767 * -32768);
  EXPECT_EQ(MulBitSerial(-1, -1, 2, 2), 1);
  EXPECT_EQ(MulBitSerial(-2, -2, 2, 2), 4);  // the 2-bit extreme
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> bits(kBitSerialMinBits, kBitSerialMaxBits);
  for (int i = 0; i < 200000; ++i) {
    const int wb = bits(rng);
    const int ab = bits(rng);
    const int64_t w = MinSigned(wb) + static_cast<int64_t>(rng() % (uint32_t{1} << wb));
    const int64_t a = MinSigned(ab) + static_cast<int64_t>(rng() % (uint32_t{1} << ab));
    ASSERT_EQ(MulBitSerial(static_cast<int32_t>(w), static_cast<int32_t>(a), wb, ab), w * a)
        << w << "(" << wb << ") x " << a << "(" << ab << ")";
  }
}

TEST(MulBitSerial, FinishedStateHoldsItsProduct) {
  BitSerialState done{-15, 4};
  const BitSerialState next = BitSerialStep(done, -3, 5, 4, 8);
  EXPECT_EQ(next.partial, -15);
  EXPECT_EQ(next.cycle, 4);
}

TEST(MulBitSerial, LatencyAndIntervalAreOneCyclePerWeightBit) {
  EXPECT_EQ(BitSerialLatency(8), 8);
  EXPECT_EQ(BitSerialLatency(2), 2);
  EXPECT_EQ(BitSerialInitiationInterval(16), 16);
}

TEST(MulBitSerial, OperandsOutsideTheirWidthWrapLikePorts) {
  EXPECT_EQ(MulBitSerial(200, 3, 8, 8), -168);
  EXPECT_EQ(MulBitSerial(3, 200, 8, 8), -168);
}

TEST(MulBitSerial, RejectsWidthsAndCyclesOutOfRange) {
  EXPECT_THROW(MulBitSerial(1, 1, 1, 8), std::invalid_argument);
  EXPECT_THROW(MulBitSerial(1, 1, 8, 17), std::invalid_argument);
  EXPECT_THROW(BitSerialStep(BitSerialState{0, 9}, 1, 1, 8, 8), std::invalid_argument);
  EXPECT_THROW(BitSerialStep(BitSerialState{0, -1}, 1, 1, 8, 8), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
