// NUUQ index storage: dense base-N groups (at most 64 bits) and aligned ceil(log2 N) bits.
#include "src/golden/nuuq_packing.h"

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "src/golden/nuuq_decoder.h"

namespace qscale::golden {
namespace {

TEST(NuuqPacking, TernaryIndicesPack29PerGroupOf46Bits) {
  // 3^29 = 68630377364883 < 2^46 = 70368744177664 (and > 2^45): 46/29 = 1.586 bits per index,
  // better than 5 per byte (3^5 = 243 <= 256, 1.6 bits) and within 0.1% of log2 3 = 1.585.
  EXPECT_EQ(GroupBits(3, 5), 8);
  EXPECT_EQ(GroupBits(3, 29), 46);
  const DenseGroup group = NuuqDenseGroup(3);
  EXPECT_EQ(group.indices, 29);
  EXPECT_EQ(group.bits, 46);
}

TEST(NuuqPacking, DenseGroupOfSmallLevelCountsMatchesTheDocumentedTable) {
  EXPECT_EQ(NuuqDenseGroup(2).indices, 1);
  EXPECT_EQ(NuuqDenseGroup(4).bits, 2);
  EXPECT_EQ(NuuqDenseGroup(5).indices, 3);  // 125 <= 128: 7 bits for 3 indices
  EXPECT_EQ(NuuqDenseGroup(5).bits, 7);
  EXPECT_EQ(NuuqDenseGroup(6).indices, 17);
  EXPECT_EQ(NuuqDenseGroup(6).bits, 44);
  EXPECT_EQ(NuuqDenseGroup(7).indices, 21);
  EXPECT_EQ(NuuqDenseGroup(7).bits, 59);
  EXPECT_EQ(NuuqDenseGroup(31).indices, 1);  // no group up to 64 bits beats 5 bits each
  EXPECT_EQ(NuuqDenseGroup(256).bits, 8);
}

TEST(NuuqPacking, DenseGroupMinimisesBitsPerIndexForEveryLevelCount) {
  for (int n = kNuuqMinLevels; n <= kNuuqMaxLevels; ++n) {
    const DenseGroup chosen = NuuqDenseGroup(n);
    ASSERT_LE(chosen.bits, 64);
    ASSERT_EQ(chosen.bits, GroupBits(n, chosen.indices));
    for (int g = 1; g <= 64; ++g) {
      // ceil(g log2 n) in long double; g log2 n is never within 1e-9 of an integer unless n is a
      // power of two, where it is exact.
      const long double exact = g * std::log2(static_cast<long double>(n));
      const int bits = static_cast<int>(std::ceil(exact - 1e-12L));
      if (bits > 64) break;
      ASSERT_EQ(GroupBits(n, g), bits) << "n=" << n << " g=" << g;
      // Bits per index no better than the chosen group's; equal only for larger groups.
      ASSERT_GE(bits * chosen.indices, chosen.bits * g) << "n=" << n << " g=" << g;
      if (bits * chosen.indices == chosen.bits * g) {
        ASSERT_GE(g, chosen.indices);
      }
    }
  }
}

TEST(NuuqPacking, PowerOfTwoLevelsPackTheSameDenseAndAligned) {
  std::mt19937 rng(7);
  for (int n : {2, 4, 8, 16, 32, 64, 128, 256}) {
    std::vector<int> indices(101);
    for (int& x : indices) x = static_cast<int>(rng() % static_cast<unsigned>(n));
    EXPECT_EQ(PackIndices(indices, n, NuuqPacking::kDense),
              PackIndices(indices, n, NuuqPacking::kAligned))
        << n;
    EXPECT_EQ(PackedBits(101, n, NuuqPacking::kDense), 101 * NuuqIndexBits(n));
  }
}

TEST(NuuqPacking, PackedBitsCountFullGroupsAndTheShortTail) {
  EXPECT_EQ(PackedBits(0, 3, NuuqPacking::kDense), 0);
  EXPECT_EQ(PackedBits(29, 3, NuuqPacking::kDense), 46);
  EXPECT_EQ(PackedBits(30, 3, NuuqPacking::kDense), 46 + 2);    // tail of 1: 2 bits
  EXPECT_EQ(PackedBits(34, 3, NuuqPacking::kDense), 46 + 8);    // tail of 5: 3^5 <= 2^8
  EXPECT_EQ(PackedBits(58, 3, NuuqPacking::kDense), 92);        // two full groups
  EXPECT_EQ(PackedBits(7, 5, NuuqPacking::kDense), 7 + 7 + 3);  // 3 + 3 + tail of 1
  EXPECT_EQ(PackedBits(7, 5, NuuqPacking::kAligned), 7 * 3);    // ceil(log2 5) = 3
  EXPECT_EQ(PackedBits(1000, 3, NuuqPacking::kAligned), 2000);
  // One million ternary weights: 34482 groups of 46 bits + a tail of 22 (3^22 < 2^35).
  EXPECT_EQ(PackedBits(1000000, 3, NuuqPacking::kDense), 34482 * 46 + 35);
}

TEST(NuuqPacking, StreamIsLsbFirstWithGroupsStraddlingBytes) {
  // N = 5, groups of 3 indices in 7 bits. {1, 2, 3} -> 1 + 2*5 + 3*25 = 86 = 0b1010110 in bits
  // 0..6; {4, 0, 0} -> 4 = 0b0000100 in bits 7..13. Byte 0 = 86 | (4 & 1) << 7 = 0x56;
  // byte 1 = 4 >> 1 = 0x02.
  const std::vector<int> indices = {1, 2, 3, 4, 0, 0};
  EXPECT_EQ(PackGroup({1, 2, 3}, 5), 86u);
  EXPECT_EQ(PackIndices(indices, 5, NuuqPacking::kDense), (std::vector<uint8_t>{0x56, 0x02}));
  // Aligned, 3 bits each, LSB first: stream bits 0..17 = 100 010 110 001 000 000.
  // Bits 0..7 = 1,0,0,0,1,0,1,1 -> 0xD1; bits 8..15 = 0,0,0,1,0,0,0,0 -> 0x08; bits 16..17 -> 0x00.
  EXPECT_EQ(PackIndices(indices, 5, NuuqPacking::kAligned),
            (std::vector<uint8_t>{0xD1, 0x08, 0x00}));
}

TEST(NuuqPacking, PackThenUnpackRoundTripsForEveryLevelCountAndLength) {
  std::mt19937 rng(1);
  for (int n = kNuuqMinLevels; n <= kNuuqMaxLevels; ++n) {
    const int g = NuuqDenseGroup(n).indices;
    for (int count : {0, 1, g - 1, g, g + 1, 2 * g + 3, 997}) {
      if (count < 0) continue;
      std::vector<int> indices(static_cast<size_t>(count));
      for (int& x : indices) x = static_cast<int>(rng() % static_cast<unsigned>(n));
      if (count > 0) indices.back() = n - 1;  // the largest digit, in the most significant place
      for (NuuqPacking packing : {NuuqPacking::kDense, NuuqPacking::kAligned}) {
        const std::vector<uint8_t> bytes = PackIndices(indices, n, packing);
        ASSERT_EQ(static_cast<int64_t>(bytes.size()), (PackedBits(count, n, packing) + 7) / 8)
            << "n=" << n << " count=" << count;
        ASSERT_EQ(UnpackIndices(bytes, count, n, packing), indices)
            << "n=" << n << " count=" << count;
      }
    }
  }
}

TEST(NuuqPacking, UnpackGroupTakesBaseNDigitsOfTheGroupBitsOnly) {
  EXPECT_EQ(UnpackGroup(86, 3, 5), (std::vector<int>{1, 2, 3}));
  // Bits above the group's 7 are not part of it.
  EXPECT_EQ(UnpackGroup(86 | (uint64_t{1} << 7), 3, 5), (std::vector<int>{1, 2, 3}));
  // A corrupt value 127 >= 5^3 still yields valid indices: 127 = 2 + 0*5 + 5*25 -> {2, 0, 0}.
  EXPECT_EQ(UnpackGroup(127, 3, 5), (std::vector<int>{2, 0, 0}));
  // The largest ternary group: 3^29 - 1 is 29 digits of 2.
  uint64_t largest = 1;
  for (int k = 0; k < 29; ++k) largest *= 3;
  EXPECT_EQ(UnpackGroup(largest - 1, 29, 3), std::vector<int>(29, 2));
}

TEST(NuuqPacking, RejectsBadIndicesGroupsAndShortStreams) {
  EXPECT_THROW(PackIndices({0, 3}, 3, NuuqPacking::kDense), std::invalid_argument);
  EXPECT_THROW(PackIndices({-1}, 3, NuuqPacking::kAligned), std::invalid_argument);
  EXPECT_THROW(GroupBits(3, 41), std::invalid_argument);  // 3^41 > 2^64
  EXPECT_THROW(PackGroup(std::vector<int>(41, 0), 3), std::invalid_argument);
  EXPECT_THROW(UnpackIndices({0x00}, 5, 3, NuuqPacking::kAligned), std::invalid_argument);
  EXPECT_THROW(PackedBits(1, 257, NuuqPacking::kDense), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
