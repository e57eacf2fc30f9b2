// Requantization: one exact multiply, one rounding shift (half away from zero), zero point, clamp.
#include "src/golden/requantize.h"

#include <cmath>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

TEST(Requantize, QuantizeMultiplierMatchesHandWorkedFactors) {
  const QuantizedMultiplier half = QuantizeMultiplier(0.5);  // 0.5 = 0.5 * 2^0
  EXPECT_EQ(half.multiplier, 1 << 30);
  EXPECT_EQ(half.shift, 0);
  const QuantizedMultiplier three_quarters = QuantizeMultiplier(0.75);
  EXPECT_EQ(three_quarters.multiplier, 3 << 29);
  EXPECT_EQ(three_quarters.shift, 0);
  const QuantizedMultiplier three = QuantizeMultiplier(3.0);  // 0.75 * 2^2
  EXPECT_EQ(three.multiplier, 3 << 29);
  EXPECT_EQ(three.shift, 2);
  // 1/3 = 0.666.. * 2^-1; 0.666.. * 2^31 = 1431655765.33 -> 1431655765.
  const QuantizedMultiplier third = QuantizeMultiplier(1.0 / 3.0);
  EXPECT_EQ(third.multiplier, 1431655765);
  EXPECT_EQ(third.shift, -1);
  // Just below 1: q rounds up to 2^31, which becomes 2^30 with shift + 1.
  const QuantizedMultiplier almost_one = QuantizeMultiplier(1.0 - 1e-12);
  EXPECT_EQ(almost_one.multiplier, 1 << 30);
  EXPECT_EQ(almost_one.shift, 1);
  // Below 2^-32 the factor is zero.
  EXPECT_EQ(QuantizeMultiplier(1e-12).multiplier, 0);
  EXPECT_EQ(QuantizeMultiplier(1e-12).shift, 0);
  EXPECT_EQ(QuantizeMultiplier(0.0).multiplier, 0);
}

TEST(Requantize, ShiftRoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundingShiftRight(5, 1), 3);    // 2.5
  EXPECT_EQ(RoundingShiftRight(-5, 1), -3);  // -2.5
  EXPECT_EQ(RoundingShiftRight(-6, 2), -2);  // -1.5
  EXPECT_EQ(RoundingShiftRight(7, 2), 2);    // 1.75
  EXPECT_EQ(RoundingShiftRight(-7, 2), -2);  // -1.75
  EXPECT_EQ(RoundingShiftRight(5, 2), 1);    // 1.25
  const int64_t big = (int64_t{1} << 62) - 1;
  EXPECT_EQ(RoundingShiftRight(big, 62), 1);
  EXPECT_EQ(RoundingShiftRight(-big, 62), -1);
  for (int x = -1000; x <= 1000; ++x) {
    for (int n = 1; n <= 10; ++n) {
      const int64_t d = int64_t{1} << n;
      // |x| / d rounded half up, with x's sign.
      const int64_t magnitude = (std::abs(x) * 2 + d) / (2 * d);
      ASSERT_EQ(RoundingShiftRight(x, n), x < 0 ? -magnitude : magnitude) << x << " " << n;
    }
  }
}

TEST(Requantize, PowerOfTwoFactorsAreExactlyRoundedShifts) {
  // M = 2^-k: the fixed scheme's rescale. One rounding, so acc / 2^k rounded half away.
  for (int k = 0; k <= 12; ++k) {
    const QuantizedMultiplier m = QuantizeMultiplier(std::ldexp(1.0, -k));
    for (int acc = -5000; acc <= 5000; ++acc) {
      const int64_t want = k == 0 ? acc : RoundingShiftRight(acc, k);
      ASSERT_EQ(Requantize(acc, m.multiplier, m.shift, 0, 32), want) << acc << " k=" << k;
    }
  }
  // TFLite's double rounding would give 2 here (1.25 -> 1.5 -> 2).
  const QuantizedMultiplier quarter = QuantizeMultiplier(0.25);
  EXPECT_EQ(Requantize(5, quarter.multiplier, quarter.shift, 0, 8), 1);
}

TEST(Requantize, StaysWithinHalfAnLsbOfTheQuantizedFactor) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> log_factor(-20.0, 4.0);
  std::uniform_int_distribution<int32_t> accs(-(1 << 24), 1 << 24);
  for (int i = 0; i < 100000; ++i) {
    const QuantizedMultiplier m = QuantizeMultiplier(std::exp2(log_factor(rng)));
    const int32_t acc = accs(rng);
    const long double real = static_cast<long double>(acc) * m.multiplier *
                             std::exp2(static_cast<long double>(m.shift - 31));
    if (std::fabs(real) > 2e9L) continue;
    const int32_t got = Requantize(acc, m.multiplier, m.shift, 0, 32);
    ASSERT_LE(std::fabs(static_cast<long double>(got) - real), 0.5L)
        << acc << " " << m.multiplier << " " << m.shift;
  }
}

TEST(Requantize, AddsZeroPointThenClampsToOutBits) {
  const QuantizedMultiplier m = QuantizeMultiplier(0.75);
  EXPECT_EQ(Requantize(100, m.multiplier, m.shift, -3, 8), 72);      // 75 - 3
  EXPECT_EQ(Requantize(1000, m.multiplier, m.shift, -3, 8), 127);    // 747 clamps
  EXPECT_EQ(Requantize(-1000, m.multiplier, m.shift, -3, 8), -128);  // -753 clamps
  EXPECT_EQ(Requantize(1000, m.multiplier, m.shift, -3, 16), 747);
  EXPECT_EQ(Requantize(7, m.multiplier, m.shift, 0, 4), 5);   // 5.25 -> 5
  EXPECT_EQ(Requantize(10, m.multiplier, m.shift, 0, 4), 7);  // 7.5 -> 8 clamps to 7
  // The zero point is added in 64 bits: no wrap.
  EXPECT_EQ(Requantize(int64_t{1} << 40, 1 << 30, 0, INT32_MAX, 32), INT32_MAX);
}

TEST(Requantize, AccumulatorBeyond32BitsIsSaturatedFirst) {
  const int32_t half = 1 << 30;  // M = 0.5
  EXPECT_EQ(Requantize(int64_t{1} << 40, half, 0, 0, 32), Requantize(INT32_MAX, half, 0, 0, 32));
  EXPECT_EQ(Requantize(int64_t{1} << 40, half, 0, 0, 32), 1 << 30);  // (2^31 - 1) / 2 rounds up
  EXPECT_EQ(Requantize(-(int64_t{1} << 40), half, 0, 0, 32), -(1 << 30));
}

TEST(Requantize, LargeLeftShiftsStayExact) {
  const int32_t half = 1 << 30;  // 0.5 x 2^shift
  EXPECT_EQ(Requantize(3, half, 2, 0, 32), 6);  // 3 * 4 * 0.5
  EXPECT_EQ(Requantize(1 << 20, half, 10, 0, 32), 1 << 29);
  EXPECT_EQ(Requantize(1 << 22, half, 10, 0, 32), INT32_MAX);  // 2^31 clamps at 32 bits
  EXPECT_EQ(Requantize(-(1 << 22), half, 10, 0, 32), INT32_MIN);  // -2^31 fits
}

TEST(Requantize, ReluClampsBelowTheZeroPoint) {
  EXPECT_EQ(Relu(-5), 0);
  EXPECT_EQ(Relu(5), 5);
  EXPECT_EQ(Relu(-5, -10), -5);
  EXPECT_EQ(Relu(-12, -10), -10);
}

TEST(Requantize, RejectsShiftsAndOutBitsOutOfRange) {
  EXPECT_THROW(Requantize(0, 1 << 30, 31, 0, 8), std::invalid_argument);
  EXPECT_THROW(Requantize(0, 1 << 30, -32, 0, 8), std::invalid_argument);
  EXPECT_THROW(Requantize(0, 1 << 30, 0, 0, 1), std::invalid_argument);
  EXPECT_THROW(Requantize(0, 1 << 30, 0, 0, 33), std::invalid_argument);
  // The once-per-layer check of the hot loops draws the same line.
  EXPECT_THROW(CheckRequantizeParams(31, 8), std::invalid_argument);
  EXPECT_THROW(CheckRequantizeParams(-32, 8), std::invalid_argument);
  EXPECT_THROW(CheckRequantizeParams(0, 1), std::invalid_argument);
  EXPECT_THROW(CheckRequantizeParams(0, 33), std::invalid_argument);
  EXPECT_NO_THROW(CheckRequantizeParams(kRequantizeMaxShift, 32));
  EXPECT_NO_THROW(CheckRequantizeParams(kRequantizeMinShift, 2));
  EXPECT_THROW(RoundingShiftRight(1, 63), std::invalid_argument);
  EXPECT_THROW(RoundingShiftRight(1, 0), std::invalid_argument);
  EXPECT_THROW(QuantizeMultiplier(-1.0), std::invalid_argument);
  EXPECT_THROW(QuantizeMultiplier(std::nan("")), std::invalid_argument);
  EXPECT_THROW(QuantizeMultiplier(0x1p31), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
