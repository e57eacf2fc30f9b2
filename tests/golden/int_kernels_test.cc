// Integer kernels of the golden engine: rounding division, pooling, requantized Add, im2col.
#include "src/golden/int_kernels.h"

#include <stdexcept>
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

TEST(IntKernels, Im2ColColumnsGivesEveryColumnRangeOfTheMatrix) {
  // 2 images of 2 channels 5x4, 3x2 kernel, stride (2, 1), padding (1 top, 0 left): 3x3 output,
  // 18 columns. Every range [begin, end) must hold the taps the definition gives.
  qnn::Op op = Pool(qnn::OpKind::kConv, 3, 2, 1);
  op.kernel_w = 2;
  op.stride_w = 1;
  op.pad_left = op.pad_right = 0;
  const int n = 2, cin = 2, h = 5, w = 4, ho = 3, wo = 3;
  std::vector<int32_t> in(n * cin * h * w);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int32_t>(i) + 1;
  const int64_t cols = int64_t{n} * ho * wo, k = int64_t{cin} * 3 * 2;
  auto tap = [&](int64_t row, int64_t c) -> int32_t {
    const int ci = static_cast<int>(row / 6), ky = static_cast<int>(row / 2 % 3),
              kx = static_cast<int>(row % 2);
    const int img = static_cast<int>(c / (ho * wo)), oy = static_cast<int>(c / wo % ho),
              ox = static_cast<int>(c % wo);
    const int iy = oy * 2 - 1 + ky, ix = ox + kx;
    if (iy < 0 || iy >= h || ix < 0 || ix >= w) return 0;
    return in[((img * cin + ci) * h + iy) * w + ix];
  };
  for (int64_t begin = 0; begin <= cols; ++begin) {
    for (int64_t end = begin; end <= cols; ++end) {
      std::vector<int32_t> col(static_cast<size_t>(k * (end - begin)), -1);
      Im2ColColumns(op, {cin, h, w}, {cin, ho, wo}, n, in.data(), begin, end, col.data());
      for (int64_t row = 0; row < k; ++row) {
        for (int64_t c = begin; c < end; ++c) {
          ASSERT_EQ(col[row * (end - begin) + c - begin], tap(row, c))
              << "range [" << begin << ", " << end << "), row " << row << ", column " << c;
        }
      }
    }
  }
  std::vector<int32_t> col(1);
  EXPECT_THROW(Im2ColColumns(op, {cin, h, w}, {cin, ho, wo}, n, in.data(), 3, cols + 1, col.data()),
               std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
