#include "src/nn/float_kernels.h"

#include <algorithm>
#include <limits>

#include <Eigen/Core>

namespace qscale::nn {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMap = Eigen::Map<RowMatrix>;
using ConstRowMap = Eigen::Map<const RowMatrix>;

}  // namespace

void ConvForward(const Node& node, const Shape& in_shape, const Shape& out_shape, int n,
                 const std::vector<float>& in, std::vector<float>& out) {
  const int cin = in_shape[0], h = in_shape[1], w = in_shape[2];
  const int cout = out_shape[0], ho = out_shape[1], wo = out_shape[2];
  const int kh = node.kernel_h, kw = node.kernel_w;
  const int64_t k = int64_t{cin} * kh * kw;
  const int64_t pixels = int64_t{ho} * wo;
  const int64_t cols = pixels * n;

  // Row (ci, y, x) of the im2col matrix holds, for every image and output pixel, the input
  // sample under kernel tap (y, x) of channel ci; taps in the padding read 0.
  std::vector<float> col(static_cast<size_t>(k * cols));
  for (int ci = 0; ci < cin; ++ci) {
    for (int y = 0; y < kh; ++y) {
      for (int x = 0; x < kw; ++x) {
        float* row = col.data() + ((int64_t{ci} * kh + y) * kw + x) * cols;
        for (int img = 0; img < n; ++img) {
          const float* plane = in.data() + (int64_t{img} * cin + ci) * h * w;
          for (int oy = 0; oy < ho; ++oy) {
            const int iy = oy * node.stride_h - node.pad_top + y;
            float* dst = row + int64_t{img} * pixels + int64_t{oy} * wo;
            if (iy < 0 || iy >= h) {
              std::fill(dst, dst + wo, 0.0f);
              continue;
            }
            for (int ox = 0; ox < wo; ++ox) {
              const int ix = ox * node.stride_w - node.pad_left + x;
              dst[ox] = (ix < 0 || ix >= w) ? 0.0f : plane[iy * w + ix];
            }
          }
        }
      }
    }
  }

  std::vector<float> product(static_cast<size_t>(cout * cols));
  RowMap(product.data(), cout, cols).noalias() =
      ConstRowMap(node.weights.data(), cout, k) * ConstRowMap(col.data(), k, cols);

  // product is [Cout][image][pixel]; the output wants [image][Cout][pixel].
  out.resize(static_cast<size_t>(n * cout * pixels));
  for (int img = 0; img < n; ++img) {
    for (int co = 0; co < cout; ++co) {
      const float* src = product.data() + (int64_t{co} * n + img) * pixels;
      float* dst = out.data() + (int64_t{img} * cout + co) * pixels;
      const float b = node.bias[co];
      for (int64_t p = 0; p < pixels; ++p) dst[p] = src[p] + b;
    }
  }
}

void DenseForward(const Node& node, int n, const std::vector<float>& in, std::vector<float>& out) {
  const int64_t outputs = static_cast<int64_t>(node.bias.size());
  const int64_t inputs = static_cast<int64_t>(node.weights.size()) / outputs;
  out.resize(static_cast<size_t>(n * outputs));
  RowMap result(out.data(), n, outputs);
  result.noalias() = ConstRowMap(in.data(), n, inputs) *
                     ConstRowMap(node.weights.data(), outputs, inputs).transpose();
  result.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(node.bias.data(), outputs);
}

void PoolForward(const Node& node, const Shape& in_shape, const Shape& out_shape, int n,
                 const std::vector<float>& in, std::vector<float>& out) {
  const int c = in_shape[0], h = in_shape[1], w = in_shape[2];
  const int ho = out_shape[1], wo = out_shape[2];
  const bool max = node.op == OpKind::kMaxPool;
  out.resize(static_cast<size_t>(int64_t{n} * c * ho * wo));
  float* dst = out.data();
  for (int64_t plane = 0; plane < int64_t{n} * c; ++plane) {
    const float* src = in.data() + plane * h * w;
    for (int oy = 0; oy < ho; ++oy) {
      const int y0 = std::max(oy * node.stride_h - node.pad_top, 0);
      const int y1 = std::min(oy * node.stride_h - node.pad_top + node.kernel_h, h);
      for (int ox = 0; ox < wo; ++ox) {
        const int x0 = std::max(ox * node.stride_w - node.pad_left, 0);
        const int x1 = std::min(ox * node.stride_w - node.pad_left + node.kernel_w, w);
        if (max) {
          float best = -std::numeric_limits<float>::infinity();
          for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) best = std::max(best, src[y * w + x]);
          }
          *dst++ = best;
        } else {
          double sum = 0;
          for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) sum += src[y * w + x];
          }
          *dst++ = static_cast<float>(sum / ((y1 - y0) * (x1 - x0)));
        }
      }
    }
  }
}

void GlobalAvgPoolForward(const Shape& in_shape, int n, const std::vector<float>& in,
                          std::vector<float>& out) {
  const int64_t planes = int64_t{n} * in_shape[0];
  const int64_t area = int64_t{in_shape[1]} * in_shape[2];
  out.resize(static_cast<size_t>(planes));
  for (int64_t plane = 0; plane < planes; ++plane) {
    double sum = 0;
    for (int64_t i = 0; i < area; ++i) sum += in[plane * area + i];
    out[plane] = static_cast<float>(sum / area);
  }
}

void ReluForward(const std::vector<float>& in, std::vector<float>& out) {
  out.resize(in.size());
  for (size_t i = 0; i < in.size(); ++i) out[i] = std::max(in[i], 0.0f);
}

void AddForward(const std::vector<float>& a, const std::vector<float>& b, std::vector<float>& out) {
  out.resize(a.size());
  for (size_t i = 0; i < a.size(); ++i) out[i] = a[i] + b[i];
}

}  // namespace qscale::nn
