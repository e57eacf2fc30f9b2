// Second moments of each array layer's inputs on the calibration images: H = X^T X, with X the
// layer's GEMM input (im2col rows for a Conv, the input vector for a Dense) over every image and
// output pixel. H is what compensated rounding (rounding.h) minimises the layer's output error
// against: ||X (w - q)||^2 = (w - q)^T H (w - q) per row.
#ifndef QSCALE_SRC_QUANT_HESSIAN_H_
#define QSCALE_SRC_QUANT_HESSIAN_H_

#include <vector>

#include "src/nn/graph.h"

namespace qscale::quant {

// Per nn node index: the k x k row-major H of a Conv or Dense node (k = Cin*Kh*Kw or In), empty
// for other nodes. `images`: `count` >= 1 calibration images, image-major, pixel / 255.
std::vector<std::vector<double>> InputHessians(const nn::Graph& graph, const float* images,
                                               int count);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_HESSIAN_H_
