// The `qsq` scheme: quality scalable quantization (DESIGN.md section 1.2). Each vector of weights
// (an output filter, or a fixed-length group of the row-major weights) gets a scale s_v (and with
// `mean` an offset m_v); each weight becomes a 3-bit code [sign | e] decoding to 0 or
// m_v ± s_v << (e - 1), i.e. magnitudes {0, 1, 2, 4} x s_v at 7 levels ({0, 1, 2} at 5, {0, 1}
// at 3).
//
// Fitting, per vector, in real numbers: Lloyd iterations (assign each weight to its nearest level,
// refit s_v (and m_v) by least squares) from five starts, the vector's standard deviation times
// 0.5, 0.75, 1, 1.5 and 2; the start with the lowest squared error wins. Storage: s_v and m_v are
// signed param_bits-bit integers in the layer's unit 2^-F, F the largest that fits every
// parameter; the codes are then chosen against the stored integers (the parameters the hardware
// actually holds), nearest or compensated (rounding.h).
//
// Weights already on QSQ level sets (mean off; e.g. a network fine-tuned by models/qat.py) are
// kept: when every vector's non-zero magnitudes are its smallest one (or that / 2, / 4) times
// 1, 2, 4 and those scales are param_bits-bit integers at one F, the stored parameters are those
// (the largest such F, each vector's largest such scale) and every weight decodes to itself.
// Fitting can only lose there; trained float weights never take this path.
#ifndef QSCALE_SRC_QUANT_QSQ_H_
#define QSCALE_SRC_QUANT_QSQ_H_

#include <vector>

#include "src/config/quant_spec.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

// The fitted real parameters of one vector.
struct QsqFit {
  double scale = 0;  // s_v >= 0
  double mean = 0;   // m_v (0 without mean)
};

// Fits one vector (see the file comment). levels: 3, 5 or 7. Deterministic.
QsqFit FitQsqVector(const float* weights, int count, int levels, bool mean);

// Fills `layer` (rows and k set) with the QSQ encoding of `node`'s weights: codes, scales, means,
// decoded weights (QsqDecode), weight_scale 2^-F on every row, row_weight_bits param_bits + 3,
// storage (QsqStoredCodeBits per weight; param_bits per scale and mean; 8 bits for F). Codes are
// chosen by compensated rounding against `hessian` (the layer's InputHessians entry), or by
// nearest rounding when it is null (rounding.h).
void QuantizeQsqWeights(const nn::Node& node, const config::QsqSpec& spec,
                        const std::vector<double>* hessian, qnn::Layer& layer);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_QSQ_H_
