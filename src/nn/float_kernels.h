// Float32 kernels of the reference engine, one per OpKind, each over `n` images. Every buffer
// is image-major and each image is in its value's layout: {C, H, W} row-major or {F}.
// Outputs are resized and overwritten.
#ifndef QSCALE_SRC_NN_FLOAT_KERNELS_H_
#define QSCALE_SRC_NN_FLOAT_KERNELS_H_

#include <vector>

#include "src/nn/graph.h"

namespace qscale::nn {

// kConv: im2col into a (Cin*Kh*Kw) x (n*Ho*Wo) matrix, then one Eigen GEMM with the
// [Cout][Cin*Kh*Kw] weights, then bias. in: n x {Cin, H, W}; out: n x {Cout, Ho, Wo}.
void ConvForward(const Node& node, const Shape& in_shape, const Shape& out_shape, int n,
                 const std::vector<float>& in, std::vector<float>& out);

// kDense: out = in * weights^T + bias, one GEMM. in: n x {In}; out: n x {Out}.
void DenseForward(const Node& node, int n, const std::vector<float>& in, std::vector<float>& out);

// kMaxPool (padding never wins) and kAvgPool (mean over the in-bounds part of each window,
// ONNX count_include_pad = 0). in: n x {C, H, W}; out: n x {C, Ho, Wo}.
void PoolForward(const Node& node, const Shape& in_shape, const Shape& out_shape, int n,
                 const std::vector<float>& in, std::vector<float>& out);

// kGlobalAvgPool: mean over H x W, accumulated in double. in: n x {C, H, W}; out: n x {C, 1, 1}.
void GlobalAvgPoolForward(const Shape& in_shape, int n, const std::vector<float>& in,
                          std::vector<float>& out);

// kRelu: out = max(in, 0).
void ReluForward(const std::vector<float>& in, std::vector<float>& out);

// kAdd: out = a + b, element by element (equal sizes).
void AddForward(const std::vector<float>& a, const std::vector<float>& b, std::vector<float>& out);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_FLOAT_KERNELS_H_
