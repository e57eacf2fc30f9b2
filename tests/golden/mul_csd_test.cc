// Quality-scalable CSD multiplier: NAF recoding, truncation to the `quality` leading digits.
#include "src/golden/mul_csd.h"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

// The sequential NAF definition of the header, independent of the library's parallel recoding.
CsdCode IterativeNaf(int64_t n) {
  CsdCode code;
  for (int i = 0; n != 0; ++i) {
    if (n & 1) {
      const int64_t mod4 = ((n % 4) + 4) % 4;  // 1 or 3
      const int digit = static_cast<int>(2 - mod4);
      if (digit > 0) {
        code.plus |= uint32_t{1} << i;
      } else {
        code.minus |= uint32_t{1} << i;
      }
      n -= digit;
    }
    n /= 2;
  }
  return code;
}

int NonZero(const CsdCode& code) {
  int count = 0;
  for (uint32_t rest = code.plus | code.minus; rest != 0; rest &= rest - 1) ++count;
  return count;
}

TEST(Csd, HandWorkedRecodings) {
  // 7 = 0b0111 = 8 - 1.
  EXPECT_EQ(CsdDigits(7, 8).plus, 0b1000u);
  EXPECT_EQ(CsdDigits(7, 8).minus, 0b0001u);
  // 91 = 0b0101'1011 = 128 - 32 - 4 - 1.
  EXPECT_EQ(CsdDigits(91, 8).plus, 0b1000'0000u);
  EXPECT_EQ(CsdDigits(91, 8).minus, 0b0010'0101u);
  // -1 is the single digit -1 at position 0, not 1 - 2.
  EXPECT_EQ(CsdDigits(-1, 8).plus, 0u);
  EXPECT_EQ(CsdDigits(-1, 8).minus, 1u);
  // 0x5555 = 21845 is already non-adjacent: eight +1 digits, the 16-bit maximum.
  EXPECT_EQ(CsdDigits(0x5555, 16).plus, 0x5555u);
  EXPECT_EQ(CsdNonZeroDigits(0x5555, 16), 8);
  // -21846 = -0x5556, near the 16-bit minimum, still reconstructs.
  EXPECT_EQ(CsdDigits(-21846, 16).Value(), -21846);
  EXPECT_EQ(CsdNonZeroDigits(0, 8), 0);
  EXPECT_EQ(CsdDigits(7, 8).Digit(3), 1);
  EXPECT_EQ(CsdDigits(7, 8).Digit(0), -1);
  EXPECT_EQ(CsdDigits(7, 8).Digit(1), 0);
}

TEST(Csd, MostNegativeWeightIsOneNegativeDigitAtTheTop) {
  for (int bits = kCsdMinBits; bits <= kCsdMaxBits; ++bits) {
    const CsdCode code = CsdDigits(static_cast<int32_t>(MinSigned(bits)), bits);
    EXPECT_EQ(code.plus, 0u) << bits;
    EXPECT_EQ(code.minus, uint32_t{1} << (bits - 1)) << bits;
  }
}

TEST(Csd, DigitsAreNonAdjacentAndReconstructTheWeightForEveryWidthUpTo16Bits) {
  for (int bits = kCsdMinBits; bits <= kCsdMaxBits; ++bits) {
    for (int64_t w = MinSigned(bits); w <= MaxSigned(bits); ++w) {
      const CsdCode code = CsdDigits(static_cast<int32_t>(w), bits);
      const uint32_t nonzero = code.plus | code.minus;
      ASSERT_EQ(code.plus & code.minus, 0u) << w;
      ASSERT_EQ(code.Value(), w) << "bits=" << bits;
      ASSERT_EQ(nonzero & (nonzero >> 1), 0u) << "adjacent digits in " << w;
      ASSERT_EQ(nonzero >> bits, 0u) << "digit above position B-1 in " << w;
      ASSERT_LE(NonZero(code), (bits + 1) / 2) << w;
    }
  }
}

TEST(Csd, ParallelRecodingMatchesTheSequentialDefinitionForEvery16BitWeight) {
  for (int w = -32768; w < 32768; ++w) {
    const CsdCode got = CsdDigits(w, 16);
    const CsdCode want = IterativeNaf(w);
    ASSERT_EQ(got.plus, want.plus) << w;
    ASSERT_EQ(got.minus, want.minus) << w;
  }
}

TEST(MulCsd, HandWorkedTruncationOf91Times3) {
  // 91 = 128 - 32 - 4 - 1; each quality keeps one more digit, act = 3.
  EXPECT_EQ(MulCsd(91, 3, 1), 384);  // 128 * 3
  EXPECT_EQ(MulCsd(91, 3, 2), 288);  // (128 - 32) * 3
  EXPECT_EQ(MulCsd(91, 3, 3), 276);  // (128 - 32 - 4) * 3
  EXPECT_EQ(MulCsd(91, 3, 4), 273);  // 91 * 3, exact
  EXPECT_EQ(MulCsd(91, 3, 8), 273);
  EXPECT_EQ(CsdApproximateWeight(91, 2), 96);
  // Rows: 91 has 4 non-zero digits.
  EXPECT_EQ(CsdActiveRows(91, 2), 2);
  EXPECT_EQ(CsdActiveRows(91, 8), 4);
  EXPECT_EQ(CsdActiveRows(0, 8), 0);
}

TEST(MulCsd, ExactWhenQualityCoversAllNonZeroDigits) {
  for (int w = -128; w < 128; ++w) {
    const int digits = CsdNonZeroDigits(w, 8);
    ASSERT_LE(digits, 4);
    for (int a = -128; a < 128; ++a) {
      ASSERT_EQ(MulCsd(w, a, kCsdMaxQuality, 8, 8), w * a) << w << " " << a;
      if (digits > 0) {
        ASSERT_EQ(MulCsd(w, a, digits, 8, 8), w * a) << w << " " << a;
      }
    }
  }
}

TEST(MulCsd, Quality8IsExactForSixteenBitExtremes) {
  EXPECT_EQ(MulCsd(-32768, -32768, 8), int32_t{1} << 30);
  EXPECT_EQ(MulCsd(-32768, 32767, 8), -32768 * 32767);
  EXPECT_EQ(MulCsd(32767, -32768, 8), 32767 * -32768);
  EXPECT_EQ(MulCsd(0x5555, 32767, 8), 0x5555 * 32767);
  EXPECT_EQ(MulCsd(0x5555, 32767, 7), (0x5555 - 1) * 32767);  // drops the +1 at position 0
}

TEST(MulCsd, ProductIsTheApproximateWeightTimesTheActivation) {
  for (int q = kCsdMinQuality; q <= kCsdMaxQuality; ++q) {
    for (int w = -128; w < 128; ++w) {
      const int32_t wq = CsdApproximateWeight(w, q, 8);
      for (int a = -128; a < 128; ++a) ASSERT_EQ(MulCsd(w, a, q, 8, 8), wq * a);
    }
  }
}

TEST(MulCsd, ApproximateWeightKeepsTheSignAndStaysWithinTwoToTheBMinusOne) {
  for (int q = kCsdMinQuality; q <= kCsdMaxQuality; ++q) {
    for (int w = -32768; w < 32768; ++w) {
      const int32_t wq = CsdApproximateWeight(w, q, 16);
      ASSERT_LE(std::abs(wq), 1 << 15) << w << " q=" << q;
      ASSERT_EQ(wq > 0, w > 0) << w << " q=" << q;
      ASSERT_EQ(wq < 0, w < 0) << w << " q=" << q;
      ASSERT_LE(std::abs(w - wq), std::abs(w)) << w << " q=" << q;
    }
  }
  // So every product fits in weight_bits + act_bits: w_q = 2^15 (from 32767 at quality 1).
  EXPECT_EQ(CsdApproximateWeight(32767, 1), 32768);
  const int64_t p = MulCsd(32767, -32768, 1);
  EXPECT_EQ(p, -(int64_t{1} << 30));
  EXPECT_EQ(p, Saturate(p, 32));
}

TEST(MulCsd, MeanAbsoluteErrorShrinksAsQualityRises) {
  std::vector<double> mae;
  for (int q = kCsdMinQuality; q <= kCsdMaxQuality; ++q) {
    int64_t total = 0;
    for (int w = -128; w < 128; ++w) {
      for (int a = -128; a < 128; ++a) total += std::abs(MulCsd(w, a, q, 8, 8) - w * a);
    }
    mae.push_back(static_cast<double>(total) / 65536.0);
  }
  // 8-bit weights have at most 4 non-zero digits: strictly better up to quality 4, exact from it.
  for (size_t i = 1; i < 4; ++i) EXPECT_LT(mae[i], mae[i - 1]) << "quality " << i + 1;
  for (size_t i = 3; i < mae.size(); ++i) EXPECT_EQ(mae[i], 0.0) << "quality " << i + 1;
  EXPECT_GT(mae[0], 0.0);
}

TEST(MulCsd, TruncationErrorNeverGrowsWithQualityForAnyWeight) {
  for (int w = -32768; w < 32768; ++w) {
    int previous = 1 << 30;
    for (int q = kCsdMinQuality; q <= kCsdMaxQuality; ++q) {
      const int error = std::abs(w - CsdApproximateWeight(w, q, 16));
      ASSERT_LE(error, previous) << w << " q=" << q;
      if (previous != 0) {
        ASSERT_TRUE(error < previous || error == 0) << w << " q=" << q;
      }
      previous = error;
    }
    ASSERT_EQ(previous, 0) << w;
  }
}

TEST(MulCsd, ActiveRowsAreQualityCappedByNonZeroDigits) {
  for (int w = -128; w < 128; ++w) {
    for (int q = kCsdMinQuality; q <= kCsdMaxQuality; ++q) {
      const int digits = CsdNonZeroDigits(w, 8);
      ASSERT_EQ(CsdActiveRows(w, q, 8), digits < q ? digits : q);
      ASSERT_EQ(NonZero(CsdTruncate(CsdDigits(w, 8), q)), CsdActiveRows(w, q, 8));
    }
  }
}

TEST(MulCsd, OperandsOutsideTheirWidthWrapLikePorts) {
  EXPECT_EQ(MulCsd(200, 3, 8, 8, 8), -168);  // 200 reads as -56, exact at quality 8
  EXPECT_EQ(MulCsd(3, 200, 8, 8, 8), -168);
}

TEST(MulCsd, RejectsQualityAndWidthsOutOfRange) {
  EXPECT_THROW(MulCsd(1, 1, 0), std::invalid_argument);
  EXPECT_THROW(MulCsd(1, 1, 9), std::invalid_argument);
  EXPECT_THROW(MulCsd(1, 1, 1, 17), std::invalid_argument);
  EXPECT_THROW(MulCsd(1, 1, 1, 8, 1), std::invalid_argument);
  EXPECT_THROW(CsdDigits(1, 1), std::invalid_argument);
}

TEST(CsdRowWord, SevenAtEightBitsIsPlusEightThenMinusOne) {
  // R = 4 rows, P = 3 position bits: positions at [0, 12), signs at [12, 16), valids at [16, 20).
  EXPECT_EQ(CsdRowWordBits(8), 20);
  EXPECT_EQ(CsdRowWordBits(16), 48);
  const uint64_t word = CsdRowWord(7, 8);
  EXPECT_EQ(word & 0x7, 3u);              // row 0 at position 3
  EXPECT_EQ((word >> 3) & 0x7, 0u);       // row 1 at position 0
  EXPECT_EQ((word >> 12) & 0xf, 0b0010u);  // row 1 negative
  EXPECT_EQ((word >> 16) & 0xf, 0b0011u);  // rows 0 and 1 valid
  EXPECT_EQ(CsdRowWord(0, 8), 0u);
}

TEST(CsdRowWord, ShiftAddOfTheRowsIsMulCsdForEvery12BitWeightAndQuality) {
  for (int32_t w = -2048; w < 2048; ++w) {
    const uint64_t rows = CsdRowWord(w, 12);
    for (int q = 1; q <= 8; ++q) {
      for (int32_t a : {-2048, -7, 1, 1000}) {
        ASSERT_EQ(MulCsdRows(rows, a, q, 12, 12), MulCsd(w, a, q, 12, 12)) << w << " " << q;
      }
    }
    EXPECT_EQ(MulCsdRows(rows, 5, 0, 12, 12), 0);
    EXPECT_EQ(MulCsdRows(rows, 5, 15, 12, 12), MulCsd(w, 5, 8, 12, 12));
  }
}

// The shift-add of the rows (what a csd PE computes) is MulCsd at every quality 1..8: every
// weight x every activation at 8 x 8, every weight x corner and seeded random activations at
// 16 x 16 (the widths of the RTL tests, which compare the RTL with MulCsd at these qualities).
TEST(CsdRowWord, ShiftAddOfTheRowsIsMulCsdForEvery8BitOperandPairAndQuality) {
  for (int32_t w = -128; w < 128; ++w) {
    const uint64_t rows = CsdRowWord(w, 8);
    for (int32_t a = -128; a < 128; ++a) {
      for (int q = 1; q <= 8; ++q) {
        ASSERT_EQ(MulCsdRows(rows, a, q, 8, 8), MulCsd(w, a, q, 8, 8))
            << "weight=" << w << " act=" << a << " quality=" << q;
      }
    }
  }
}

TEST(CsdRowWord, ShiftAddOfTheRowsIsMulCsdForEvery16BitWeightAndQuality) {
  std::vector<int32_t> acts = {-32768, -32767, -1, 0, 1, 32767};
  std::mt19937 rng(5);
  for (int i = 0; i < 4; ++i) acts.push_back(static_cast<int32_t>(rng() % 65536) - 32768);
  for (int32_t w = -32768; w < 32768; ++w) {
    const uint64_t rows = CsdRowWord(w, 16);
    for (int32_t a : acts) {
      for (int q = 1; q <= 8; ++q) {
        ASSERT_EQ(MulCsdRows(rows, a, q, 16, 16), MulCsd(w, a, q, 16, 16))
            << "weight=" << w << " act=" << a << " quality=" << q;
      }
    }
  }
}

}  // namespace
}  // namespace qscale::golden
