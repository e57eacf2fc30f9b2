#include "src/quant/hessian.h"

#include <algorithm>

#include <Eigen/Core>

#include "src/nn/float_engine.h"

namespace qscale::quant {
namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The im2col matrix (k x n*Ho*Wo) of `n` images of a Conv's input, as float_kernels lays it out.
RowMatrix Im2Col(const nn::Node& node, const nn::Shape& in_shape, const nn::Shape& out_shape,
                 int n, const float* in) {
  const int cin = in_shape[0], h = in_shape[1], w = in_shape[2];
  const int ho = out_shape[1], wo = out_shape[2];
  const int64_t pixels = int64_t{ho} * wo;
  RowMatrix col = RowMatrix::Zero(int64_t{cin} * node.kernel_h * node.kernel_w, pixels * n);
  for (int ci = 0; ci < cin; ++ci) {
    for (int y = 0; y < node.kernel_h; ++y) {
      for (int x = 0; x < node.kernel_w; ++x) {
        const int64_t row = (int64_t{ci} * node.kernel_h + y) * node.kernel_w + x;
        for (int img = 0; img < n; ++img) {
          const float* plane = in + (int64_t{img} * cin + ci) * h * w;
          for (int oy = 0; oy < ho; ++oy) {
            const int iy = oy * node.stride_h - node.pad_top + y;
            if (iy < 0 || iy >= h) continue;
            for (int ox = 0; ox < wo; ++ox) {
              const int ix = ox * node.stride_w - node.pad_left + x;
              if (ix >= 0 && ix < w) col(row, img * pixels + oy * wo + ox) = plane[iy * w + ix];
            }
          }
        }
      }
    }
  }
  return col;
}

}  // namespace

std::vector<std::vector<double>> InputHessians(const nn::Graph& graph, const float* images,
                                               int count) {
  // The nodes reading each value.
  std::vector<std::vector<int>> readers(graph.values.size());
  std::vector<RowMatrix> sums(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const nn::Node& node = graph.nodes[i];
    if (node.op != nn::OpKind::kConv && node.op != nn::OpKind::kDense) continue;
    readers[node.inputs[0]].push_back(static_cast<int>(i));
    const int64_t k = static_cast<int64_t>(node.weights.size() / node.bias.size());
    sums[i] = RowMatrix::Zero(k, k);
  }
  const nn::FloatEngine engine(graph, 1);
  engine.Run(images, count, [&](int value, int /*first*/, int n, const float* data) {
    for (int i : readers[value]) {
      const nn::Node& node = graph.nodes[i];
      if (node.op == nn::OpKind::kConv) {
        const RowMatrix col = Im2Col(node, graph.values[value].shape,
                                     graph.values[node.output].shape, n, data);
        sums[i].noalias() += col * col.transpose();
      } else {
        const int64_t k = sums[i].rows();
        const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic,
                                             Eigen::RowMajor>>
            x(data, n, k);
        const RowMatrix xd = x.cast<double>();
        sums[i].noalias() += xd.transpose() * xd;
      }
    }
  });
  std::vector<std::vector<double>> out(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    out[i].assign(sums[i].data(), sums[i].data() + sums[i].size());
  }
  return out;
}

}  // namespace qscale::quant
