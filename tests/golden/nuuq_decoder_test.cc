// NUUQ level LUT: index -> signed B-bit grid value; out-of-range indices decode to 0.
#include "src/golden/nuuq_decoder.h"

#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

TEST(NuuqDecoder, LutMapsEachIndexToItsGridValue) {
  const std::vector<int32_t> lut = {-96, -7, 12, 101};
  EXPECT_EQ(NuuqDecode(0, lut, 8), -96);
  EXPECT_EQ(NuuqDecode(1, lut, 8), -7);
  EXPECT_EQ(NuuqDecode(2, lut, 8), 12);
  EXPECT_EQ(NuuqDecode(3, lut, 8), 101);
}

TEST(NuuqDecoder, IndexOutsideTheLevelsDecodesToZero) {
  const std::vector<int32_t> lut = {-5, 0, 9};  // N = 3: a 2-bit port can still present 3
  EXPECT_EQ(NuuqDecode(3, lut, 8), 0);
  EXPECT_EQ(NuuqDecode(255, lut, 8), 0);
  EXPECT_EQ(NuuqDecode(-1, lut, 8), 0);
}

TEST(NuuqDecoder, EntriesWiderThanGridBitsWrapLikeTheTableRegister) {
  const std::vector<int32_t> lut = {128, -129, -32768, 32767};
  EXPECT_EQ(NuuqDecode(0, lut, 8), -128);
  EXPECT_EQ(NuuqDecode(1, lut, 8), 127);
  EXPECT_EQ(NuuqDecode(2, lut, 16), -32768);  // the 16-bit extremes pass unchanged
  EXPECT_EQ(NuuqDecode(3, lut, 16), 32767);
  EXPECT_EQ(NuuqDecode(3, lut, 2), -1);  // 0x7FFF keeps its low bits 11 -> -1
}

TEST(NuuqDecoder, FullTableOf256LevelsDecodesEveryIndex) {
  std::vector<int32_t> lut(256);
  for (int i = 0; i < 256; ++i) lut[static_cast<size_t>(i)] = i - 128;
  for (int i = 0; i < 256; ++i) ASSERT_EQ(NuuqDecode(i, lut, 8), i - 128);
}

TEST(NuuqDecoder, IndexBitsAreCeilLog2OfLevels) {
  EXPECT_EQ(NuuqIndexBits(2), 1);
  EXPECT_EQ(NuuqIndexBits(3), 2);
  EXPECT_EQ(NuuqIndexBits(4), 2);
  EXPECT_EQ(NuuqIndexBits(5), 3);
  EXPECT_EQ(NuuqIndexBits(129), 8);
  EXPECT_EQ(NuuqIndexBits(256), 8);
}

TEST(NuuqDecoder, RejectsLevelCountsAndGridBitsOutOfRange) {
  EXPECT_THROW(NuuqDecode(0, std::vector<int32_t>{1}, 8), std::invalid_argument);
  EXPECT_THROW(NuuqDecode(0, std::vector<int32_t>(257), 8), std::invalid_argument);
  EXPECT_THROW(NuuqDecode(0, std::vector<int32_t>{1, 2}, 1), std::invalid_argument);
  EXPECT_THROW(NuuqDecode(0, std::vector<int32_t>{1, 2}, 17), std::invalid_argument);
  EXPECT_THROW(NuuqIndexBits(1), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
