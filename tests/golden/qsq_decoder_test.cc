// QSQ shift-and-scale decoder: w = 0 for e = 0, else m + sign * (s << (e - 1)).
#include "src/golden/qsq_decoder.h"

#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

// The formula of DESIGN.md 1.2, written independently of the decoder: magnitudes {0, 1, 2, 4}.
int64_t Reference(int code, int64_t scale, int64_t mean) {
  static constexpr int kMagnitude[4] = {0, 1, 2, 4};
  const int e = code & 3;
  if (e == 0) return 0;
  return mean + ((code & 4) ? -1 : 1) * kMagnitude[e] * scale;
}

TEST(QsqDecoder, ZeroCodeDecodesToExactZero) {
  // e = 0 is an exact zero whatever the scale and mean, and whatever the sign bit says.
  EXPECT_EQ(QsqDecode(0b000, 37, 0, 8), 0);
  EXPECT_EQ(QsqDecode(0b000, 37, -11, 8), 0);
  EXPECT_EQ(QsqDecode(0b100, 37, -11, 8), 0);
  EXPECT_EQ(QsqDecode(0b100, -128, 127, 8), 0);
}

TEST(QsqDecoder, ScaleIsShiftedByMagnitudeIndexThenMeanIsAdded) {
  // s = 5, m = 1, P = 8.
  EXPECT_EQ(QsqDecode(0b001, 5, 1, 8), 6);    // 1 + (5 << 0)
  EXPECT_EQ(QsqDecode(0b010, 5, 1, 8), 11);   // 1 + (5 << 1)
  EXPECT_EQ(QsqDecode(0b011, 5, 1, 8), 21);   // 1 + (5 << 2)
  EXPECT_EQ(QsqDecode(0b101, 5, 1, 8), -4);   // 1 - (5 << 0)
  EXPECT_EQ(QsqDecode(0b110, 5, 1, 8), -9);   // 1 - (5 << 1)
  EXPECT_EQ(QsqDecode(0b111, 5, 1, 8), -19);  // 1 - (5 << 2)
  // Without a mean the magnitudes are {1, 2, 4} x s; a negative scale flips them.
  EXPECT_EQ(QsqDecode(0b011, -3, 0, 4), -12);  // -3 << 2
  EXPECT_EQ(QsqDecode(0b111, -3, 0, 4), 12);   // -(-3 << 2)
}

TEST(QsqDecoder, MatchesTheFormulaForEveryCodeScaleAndMeanAt8Bits) {
  for (int code = 0; code < 8; ++code) {
    for (int s = -128; s < 128; ++s) {
      for (int m = -128; m < 128; ++m) {
        ASSERT_EQ(QsqDecode(code, s, m, 8), Reference(code, s, m))
            << "code=" << code << " s=" << s << " m=" << m;
      }
    }
  }
}

TEST(QsqDecoder, ExtremeParametersFitInParamBitsPlusThreeAndNeedThem) {
  for (int p = kQsqMinParamBits; p <= kQsqMaxParamBits; ++p) {
    const int64_t lo = MinSigned(p);
    const int64_t hi = MaxSigned(p);
    int64_t widest = 0;
    for (int code = 0; code < 8; ++code) {
      for (int64_t s : {lo, lo + 1, int64_t{-1}, int64_t{0}, int64_t{1}, hi}) {
        for (int64_t m : {lo, int64_t{0}, hi}) {
          const int64_t w = QsqDecode(code, static_cast<int32_t>(s), static_cast<int32_t>(m), p);
          ASSERT_EQ(w, Reference(code, s, m)) << "p=" << p;
          ASSERT_EQ(w, Saturate(w, QsqWeightBits(p))) << "p=" << p << " code=" << code;
          widest = std::max(widest, w < 0 ? -w - 1 : w);
        }
      }
    }
    // m = 2^(P-1) - 1 minus (-2^(P-1) << 2) = 5 * 2^(P-1) - 1 exceeds P + 2 bits.
    EXPECT_GT(widest, MaxSigned(p + 2)) << "p=" << p;
  }
}

TEST(QsqDecoder, ParametersWiderThanParamBitsWrapLikeRtlPorts) {
  EXPECT_EQ(QsqDecode(0b001, 200, 0, 8), -56);    // 200 on an 8-bit port reads as -56
  EXPECT_EQ(QsqDecode(0b001, 5, 256 + 3, 8), 8);  // mean 259 reads as 3
  EXPECT_EQ(QsqDecode(0b1001, 5, 0, 8), 5);       // only the low 3 bits of the code are used
}

TEST(QsqDecoder, LevelCountSelectsWhichMagnitudeIndicesExist) {
  EXPECT_EQ(QsqMaxMagnitudeIndex(7), 3);  // {0, ±1, ±2, ±4} x s
  EXPECT_EQ(QsqMaxMagnitudeIndex(5), 2);  // {0, ±1, ±2} x s
  EXPECT_EQ(QsqMaxMagnitudeIndex(3), 1);  // {0, ±1} x s
  for (int code = 0; code < 8; ++code) {
    const int e = code & 3;
    EXPECT_TRUE(QsqCodeIsLegal(code, 7));
    EXPECT_EQ(QsqCodeIsLegal(code, 5), e <= 2) << code;
    EXPECT_EQ(QsqCodeIsLegal(code, 3), e <= 1) << code;
  }
}

TEST(QsqDecoder, IllegalCodesDecodeAnywayByTheSameFormula) {
  // The decoder has no levels input: e = 3 (illegal at 5 levels) still gives 4 x s.
  EXPECT_FALSE(QsqCodeIsLegal(0b011, 5));
  EXPECT_EQ(QsqDecode(0b011, 6, 0, 8), 24);
  EXPECT_FALSE(QsqCodeIsLegal(0b110, 3));
  EXPECT_EQ(QsqDecode(0b110, 6, 0, 8), -12);
}

TEST(QsqDecoder, StoredCodesWidenToTheDecodersThreeBits) {
  EXPECT_EQ(QsqStoredCodeBits(7), 3);
  EXPECT_EQ(QsqStoredCodeBits(5), 3);
  EXPECT_EQ(QsqStoredCodeBits(3), 2);
  EXPECT_EQ(QsqCodeFromStored(0b00, 3), 0b000);
  EXPECT_EQ(QsqCodeFromStored(0b01, 3), 0b001);
  EXPECT_EQ(QsqCodeFromStored(0b10, 3), 0b100);
  EXPECT_EQ(QsqCodeFromStored(0b11, 3), 0b101);
  for (int code = 0; code < 8; ++code) {
    EXPECT_EQ(QsqCodeFromStored(code, 7), code);
    EXPECT_EQ(QsqCodeFromStored(code, 5), code);
  }
}

TEST(QsqDecoder, RejectsParamBitsAndLevelsOutOfRange) {
  EXPECT_THROW(QsqDecode(1, 1, 0, 1), std::invalid_argument);
  EXPECT_THROW(QsqDecode(1, 1, 0, 17), std::invalid_argument);
  EXPECT_THROW(QsqMaxMagnitudeIndex(4), std::invalid_argument);
  EXPECT_THROW(QsqCodeIsLegal(0, 9), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
