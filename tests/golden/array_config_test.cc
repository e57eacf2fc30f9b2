// The per-PE arithmetic and parameters shared by the array oracles (array_config.h).
#include "src/golden/array_config.h"

#include <random>
#include <stdexcept>
#include <utility>

#include <gtest/gtest.h>

#include "src/golden/mul_bitserial.h"
#include "src/golden/mul_csd.h"
#include "src/golden/mul_exact.h"
#include "src/golden/mul_sp2.h"

namespace qscale::golden {
namespace {

TEST(ArrayConfig, MsqColumnsBelowSp2ColsAreShiftAddAndTheRestUseTheBaseKind) {
  ArrayShape shape;
  shape.sp2_cols = 3;
  EXPECT_EQ(ColumnKind(shape, 0), MulKind::kSp2);
  EXPECT_EQ(ColumnKind(shape, 2), MulKind::kSp2);
  EXPECT_EQ(ColumnKind(shape, 3), MulKind::kExact);
}

TEST(ArrayConfig, LatencyAndIntervalAreTheMultipliersConstants) {
  ArrayShape shape;
  for (MulKind kind : {MulKind::kExact, MulKind::kCsd, MulKind::kSp2}) {
    shape.kind = kind;
    EXPECT_EQ(MulLatency(shape), 1);
    EXPECT_EQ(StepInterval(shape), 1);
    EXPECT_EQ(PeLatency(shape), 2);
  }
  shape.kind = MulKind::kBitSerial;
  shape.weight_bits = 8;
  EXPECT_EQ(MulLatency(shape), BitSerialLatency(8));
  EXPECT_EQ(StepInterval(shape), BitSerialInitiationInterval(8));
  EXPECT_EQ(PeLatency(shape), 9);
}

TEST(ArrayConfig, WordBitsIsTheWidestWeightWordInUse) {
  ArrayShape shape;  // exact, 8-bit weights
  EXPECT_EQ(WordBits(shape), 8);
  shape.sp2_cols = 2;
  shape.sp2_code_bits = 8;  // terms: 3 + 2 * 4 = 11 bits
  EXPECT_EQ(WordBits(shape), 11);
  shape.sp2_code_bits = 4;  // 3 + 2 * 2 = 7 bits < 8
  EXPECT_EQ(WordBits(shape), 8);
  shape.kind = MulKind::kSp2;
  EXPECT_EQ(WordBits(shape), 7);
}

TEST(ArrayConfig, WeightWordsPackTheWeightOrTheTermsMsbFirst) {
  ArrayShape shape;
  shape.sp2_cols = 1;
  const PeWeight terms{0, Sp2Terms{true, true, true, 2, 0}};
  EXPECT_EQ(PackWeightWord(shape, 0, terms), 0x78u);  // 1 1 1 10 00
  EXPECT_EQ(PackWeightWord(shape, 1, PeWeight{-3, {}}), 0xFDu);
}

TEST(ArrayConfig, PeProductIsTheColumnsMultiplier) {
  ArrayShape shape;
  shape.sp2_cols = 1;
  shape.sp2_code_bits = 8;
  std::mt19937 rng(1);
  for (int i = 0; i < 10000; ++i) {
    const int32_t w = static_cast<int32_t>(rng() % 256) - 128;
    const int32_t a = static_cast<int32_t>(rng() % 256) - 128;
    const int code = static_cast<int>(rng() % 256);
    const int q = 1 + static_cast<int>(rng() % 8);
    shape.kind = MulKind::kExact;
    EXPECT_EQ(PeProduct(shape, 1, {w, {}}, a, q), MulExact(w, a, 8, 8));
    EXPECT_EQ(PeProduct(shape, 0, {w, Sp2Decode(code, 8)}, a, q), MulSp2(code, a, 8, 8));
    shape.kind = MulKind::kCsd;
    EXPECT_EQ(PeProduct(shape, 1, {w, {}}, a, q), MulCsd(w, a, q, 8, 8));
  }
  shape.sp2_cols = 0;
  shape.kind = MulKind::kBitSerial;
  EXPECT_EQ(PeProduct(shape, 0, {-3, {}}, 5, 1), MulBitSerial(-3, 5, 8, 8));
}

TEST(ArrayConfig, Sp2ShiftsBeyondTheDecodersRangeAreRejected) {
  ArrayShape shape;
  shape.kind = MulKind::kSp2;  // 4-bit codes: shifts 0..2
  EXPECT_NO_THROW(PeProduct(shape, 0, {0, Sp2Terms{false, true, false, 2, 9}}, 1, 1));
  EXPECT_THROW(PeProduct(shape, 0, {0, Sp2Terms{false, true, false, 3, 0}}, 1, 1),
               std::invalid_argument);
}

TEST(ArrayConfig, InvalidShapesAreRejectedWithTheField) {
  ArrayShape shape;
  shape.rows = 0;
  try {
    ValidateArrayShape(shape);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "ArrayShape: rows must be in 1..64 (got 0)");
  }
  shape = ArrayShape{};
  shape.kind = MulKind::kBitSerial;
  shape.sp2_cols = 1;
  EXPECT_THROW(ValidateArrayShape(shape), std::invalid_argument);
  shape = ArrayShape{};
  shape.sp2_cols = 17;
  EXPECT_THROW(ValidateArrayShape(shape), std::invalid_argument);
}

TEST(ArrayConfig, WrapSigned64KeepsTheLowBitsSignExtended) {
  EXPECT_EQ(WrapSigned64(200, 8), -56);
  EXPECT_EQ(WrapSigned64(int64_t{1} << 40, 41), -(int64_t{1} << 40));
  EXPECT_EQ(WrapSigned64(-1, 62), -1);
}

TEST(ArrayConfig, RowIndexBitsIsClog2OfTheRowsAndAtLeastOne) {
  // pe_array.sv: RowBits = (Rows > 1) ? $clog2(Rows) : 1.
  const std::pair<int, int> cases[] = {{1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 3}, {16, 4}, {17, 5},
                                       {64, 6}};
  for (const auto& [rows, bits] : cases) EXPECT_EQ(RowIndexBits(rows), bits) << rows;
}

}  // namespace
}  // namespace qscale::golden
