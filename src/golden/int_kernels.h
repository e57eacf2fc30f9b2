// Integer kernels of the golden engine for the ops that do not run on the PE array (DESIGN.md
// section 1.5: ReLU and pooling act on integers), and the im2col lowering the array ops share.
// Every buffer is image-major, each image in its value's layout ({C, H, W} row-major or {F}).
#ifndef QSCALE_SRC_GOLDEN_INT_KERNELS_H_
#define QSCALE_SRC_GOLDEN_INT_KERNELS_H_

#include <cstdint>

#include "src/qnn/network.h"

namespace qscale::golden {

// round(num / den), halves away from zero. den > 0. E.g. (5, 2) -> 3, (-5, 2) -> -3, (7, 3) -> 2.
int64_t RoundDivHalfAway(int64_t num, int64_t den);

// kMaxPool: integer max over the in-bounds part of each window (padding never wins).
// in: n x {C, H, W}; out: n x {C, Ho, Wo}.
void MaxPoolInt(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
                const int32_t* in, int32_t* out);

// kAvgPool: RoundDivHalfAway(sum, in-bounds count) per window (ONNX count_include_pad = 0);
// kGlobalAvgPool: the same over the whole H x W plane. The result has the input's scale and
// always fits its width. in: n x {C, H, W}; out: n x {C, Ho, Wo} ({C, 1, 1} for global).
void AvgPoolInt(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
                const int32_t* in, int32_t* out);

// kAdd, element by element: clamp(RoundDivHalfAway(a * a_multiplier + b * b_multiplier,
// 2^shift), relu ? 0 : -2^(bits-1), 2^(bits-1) - 1), exact in int64. `count` elements.
void AddInt(const qnn::AddParams& add, bool relu, int bits, int64_t count, const int32_t* a,
            const int32_t* b, int32_t* out);

// kRelu: max(q, 0). `count` elements.
void ReluInt(int64_t count, const int32_t* in, int32_t* out);

// The im2col matrix of a kConv over n images, K x (n * Ho * Wo) row-major, K in (ci, ky, kx)
// order, columns image-major then (oy, ox); taps in the padding read 0. T: double or float
// (exact for integers below 2^24 in float) or int32_t.
template <typename T>
void Im2Col(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
            const int32_t* in, T* col);

// Columns [begin, end) of Im2Col's matrix (0 <= begin <= end <= n * Ho * Wo), into `col` as
// K x (end - begin) row-major: a thread's share of an op's columns.
template <typename T>
void Im2ColColumns(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape,
                   int n, const int32_t* in, int64_t begin, int64_t end, T* col);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_INT_KERNELS_H_
