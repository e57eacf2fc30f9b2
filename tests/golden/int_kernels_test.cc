// Integer kernels of the golden engine: rounding division, pooling, requantized Add, im2col.
#include "src/golden/int_kernels.h"

#include <vector>

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

TEST(IntKernels, RoundDivRoundsHalvesAwayFromZero) {
  EXPECT_EQ(RoundDivHalfAway(5, 2), 3);
  EXPECT_EQ(RoundDivHalfAway(-5, 2), -3);
  EXPECT_EQ(RoundDivHalfAway(7, 3), 2);
  EXPECT_EQ(RoundDivHalfAway(-7, 3), -2);
  EXPECT_EQ(RoundDivHalfAway(8, 3), 3);
  EXPECT_EQ(RoundDivHalfAway(0, 9), 0);
}

qnn::Op Pool(qnn::OpKind kind, int kernel, int stride, int pad) {
  qnn::Op op;
  op.kind = kind;
  op.kernel_h = op.kernel_w = kernel;
  op.stride_h = op.stride_w = stride;
  op.pad_top = op.pad_left = op.pad_bottom = op.pad_right = pad;
  return op;
}

TEST(IntKernels, MaxPoolIgnoresPaddingEvenWhenEverythingIsNegative) {
  // One 3x3 plane, 2x2 windows, stride 2, padding 1: windows see 1, 2, 2 and 4 pixels.
  const std::vector<int32_t> in = {-9, -8, -7, -6, -5, -4, -3, -2, -1};
  std::vector<int32_t> out(4);
  MaxPoolInt(Pool(qnn::OpKind::kMaxPool, 2, 2, 1), {1, 3, 3}, {1, 2, 2}, 1, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{-9, -7, -3, -1}));
}

TEST(IntKernels, AvgPoolDividesByTheInBoundsCountAndRounds) {
  const std::vector<int32_t> in = {1, 2, 3, 4, 5, 6, 7, 8, 10};
  std::vector<int32_t> out(4);
  AvgPoolInt(Pool(qnn::OpKind::kAvgPool, 2, 2, 1), {1, 3, 3}, {1, 2, 2}, 1, in.data(), out.data());
  // {1}, {2,3} = 2.5 -> 3, {4,7} = 5.5 -> 6, {5,6,8,10} = 7.25 -> 7
  EXPECT_EQ(out, (std::vector<int32_t>{1, 3, 6, 7}));
  std::vector<int32_t> global(1);
  AvgPoolInt(Pool(qnn::OpKind::kGlobalAvgPool, 1, 1, 0), {1, 3, 3}, {1, 1, 1}, 1, in.data(),
             global.data());
  EXPECT_EQ(global[0], 5);  // 46 / 9 = 5.11
  const std::vector<int32_t> negative = {-1, -2, -2, -1};
  AvgPoolInt(Pool(qnn::OpKind::kGlobalAvgPool, 1, 1, 0), {1, 2, 2}, {1, 1, 1}, 1,
             negative.data(), global.data());
  EXPECT_EQ(global[0], -2);  // -1.5 -> -2
}

TEST(IntKernels, AddRescalesBothInputsRoundsOnceAndClamps) {
  qnn::AddParams add{3, 2, 2};  // out = (3a + 2b) / 4
  const std::vector<int32_t> a = {1, 10, -10, 100, -1};
  const std::vector<int32_t> b = {1, 1, 1, 100, 0};
  std::vector<int32_t> out(a.size());
  AddInt(add, /*relu=*/false, 8, 5, a.data(), b.data(), out.data());
  // 5/4 -> 1, 32/4 = 8, -28/4 = -7, 500/4 = 125, -3/4 -> -1
  EXPECT_EQ(out, (std::vector<int32_t>{1, 8, -7, 125, -1}));
  AddInt(add, /*relu=*/true, 6, 5, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 8, 0, 31, 0}));
}

TEST(IntKernels, Im2ColReadsZeroInThePaddingInKernelOrder) {
  // 1 channel 2x2, 3x3 kernel, padding 1 -> 2x2 output; row (ky, kx), column pixel.
  qnn::Op op = Pool(qnn::OpKind::kConv, 3, 1, 1);
  const std::vector<int32_t> in = {1, 2, 3, 4};
  std::vector<int32_t> col(9 * 4);
  Im2Col(op, {1, 2, 2}, {1, 2, 2}, 1, in.data(), col.data());
  // Tap (1, 1), the centre, sees every pixel; tap (0, 0) sees pixel (0, 0) only at output (1, 1).
  EXPECT_EQ(std::vector<int32_t>(col.begin() + 16, col.begin() + 20),
            (std::vector<int32_t>{1, 2, 3, 4}));
  EXPECT_EQ(std::vector<int32_t>(col.begin(), col.begin() + 4),
            (std::vector<int32_t>{0, 0, 0, 1}));
}

}  // namespace
}  // namespace qscale::golden
