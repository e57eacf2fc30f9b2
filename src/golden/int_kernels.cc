#include "src/golden/int_kernels.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "src/golden/saturate.h"

namespace qscale::golden {

int64_t RoundDivHalfAway(int64_t num, int64_t den) {
  return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

void MaxPoolInt(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
                const int32_t* in, int32_t* out) {
  const int c = in_shape[0], h = in_shape[1], w = in_shape[2];
  const int ho = out_shape[1], wo = out_shape[2];
  for (int64_t plane = 0; plane < int64_t{n} * c; ++plane) {
    const int32_t* src = in + plane * h * w;
    for (int oy = 0; oy < ho; ++oy) {
      const int y0 = std::max(oy * op.stride_h - op.pad_top, 0);
      const int y1 = std::min(oy * op.stride_h - op.pad_top + op.kernel_h, h);
      for (int ox = 0; ox < wo; ++ox) {
        const int x0 = std::max(ox * op.stride_w - op.pad_left, 0);
        const int x1 = std::min(ox * op.stride_w - op.pad_left + op.kernel_w, w);
        int32_t best = std::numeric_limits<int32_t>::min();
        for (int y = y0; y < y1; ++y) {
          for (int x = x0; x < x1; ++x) best = std::max(best, src[y * w + x]);
        }
        *out++ = best;
      }
    }
  }
}

void AvgPoolInt(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
                const int32_t* in, int32_t* out) {
  const int c = in_shape[0], h = in_shape[1], w = in_shape[2];
  const bool global = op.kind == qnn::OpKind::kGlobalAvgPool;
  const int ho = global ? 1 : out_shape[1], wo = global ? 1 : out_shape[2];
  for (int64_t plane = 0; plane < int64_t{n} * c; ++plane) {
    const int32_t* src = in + plane * h * w;
    for (int oy = 0; oy < ho; ++oy) {
      const int y0 = global ? 0 : std::max(oy * op.stride_h - op.pad_top, 0);
      const int y1 = global ? h : std::min(oy * op.stride_h - op.pad_top + op.kernel_h, h);
      for (int ox = 0; ox < wo; ++ox) {
        const int x0 = global ? 0 : std::max(ox * op.stride_w - op.pad_left, 0);
        const int x1 = global ? w : std::min(ox * op.stride_w - op.pad_left + op.kernel_w, w);
        int64_t sum = 0;
        for (int y = y0; y < y1; ++y) {
          for (int x = x0; x < x1; ++x) sum += src[y * w + x];
        }
        *out++ = static_cast<int32_t>(RoundDivHalfAway(sum, int64_t{y1 - y0} * (x1 - x0)));
      }
    }
  }
}

void AddInt(const qnn::AddParams& add, bool relu, int bits, int64_t count, const int32_t* a,
            const int32_t* b, int32_t* out) {
  const int64_t lo = relu ? 0 : MinSigned(bits);
  const int64_t hi = MaxSigned(bits);
  const int64_t den = int64_t{1} << add.shift;
  for (int64_t i = 0; i < count; ++i) {
    const int64_t sum = int64_t{a[i]} * add.a_multiplier + int64_t{b[i]} * add.b_multiplier;
    out[i] = static_cast<int32_t>(std::clamp(RoundDivHalfAway(sum, den), lo, hi));
  }
}

void ReluInt(int64_t count, const int32_t* in, int32_t* out) {
  for (int64_t i = 0; i < count; ++i) out[i] = std::max(in[i], 0);
}

template <typename T>
void Im2ColColumns(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape,
                   int n, const int32_t* in, int64_t begin, int64_t end, T* col) {
  const int cin = in_shape[0], h = in_shape[1], w = in_shape[2];
  const int wo = out_shape[2];
  const int64_t pixels = int64_t{out_shape[1]} * wo;
  const int64_t width = end - begin;
  if (begin < 0 || end < begin || end > pixels * n) {
    throw std::invalid_argument("Im2ColColumns: column range outside the matrix");
  }
  for (int ci = 0; ci < cin; ++ci) {
    for (int y = 0; y < op.kernel_h; ++y) {
      for (int x = 0; x < op.kernel_w; ++x) {
        T* row = col + ((int64_t{ci} * op.kernel_h + y) * op.kernel_w + x) * width;
        // One output row (or the part of it inside the range) at a time.
        for (int64_t c = begin; c < end;) {
          const int64_t img = c / pixels, pixel = c - img * pixels;
          const int oy = static_cast<int>(pixel / wo), ox0 = static_cast<int>(pixel % wo);
          const int run = static_cast<int>(std::min<int64_t>(wo - ox0, end - c));
          const int iy = oy * op.stride_h - op.pad_top + y;
          T* dst = row + (c - begin);
          if (iy < 0 || iy >= h) {
            std::fill(dst, dst + run, T{0});
          } else {
            const int32_t* line = in + ((img * cin + ci) * h + iy) * w;
            for (int i = 0; i < run; ++i) {
              const int ix = (ox0 + i) * op.stride_w - op.pad_left + x;
              dst[i] = (ix < 0 || ix >= w) ? T{0} : static_cast<T>(line[ix]);
            }
          }
          c += run;
        }
      }
    }
  }
}

template <typename T>
void Im2Col(const qnn::Op& op, const qnn::Shape& in_shape, const qnn::Shape& out_shape, int n,
            const int32_t* in, T* col) {
  Im2ColColumns(op, in_shape, out_shape, n, in, 0, int64_t{out_shape[1]} * out_shape[2] * n, col);
}

template void Im2Col<double>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                             const int32_t*, double*);
template void Im2Col<float>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                            const int32_t*, float*);
template void Im2Col<int32_t>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                              const int32_t*, int32_t*);
template void Im2ColColumns<double>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                                    const int32_t*, int64_t, int64_t, double*);
template void Im2ColColumns<float>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                                   const int32_t*, int64_t, int64_t, float*);
template void Im2ColColumns<int32_t>(const qnn::Op&, const qnn::Shape&, const qnn::Shape&, int,
                                     const int32_t*, int64_t, int64_t, int32_t*);

}  // namespace qscale::golden
