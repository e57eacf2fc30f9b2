// The `msq` scheme: mixed scheme, multi-precision (DESIGN.md section 1.4, after Chang et al.,
// HPCA 2021). One scale alpha per layer. Each row (output filter) is either fixed-point,
// levels alpha * c / (2^(m-1) - 1) with |c| <= 2^(m-1) - 1, or SP2, levels
// ±alpha * (q1 + q2) = alpha * w_int / 2^F with w_int = golden::Sp2Weight(code, m), at m = 4
// bits, or 8 for the high-precision rows.
//
// Assignment, for every alpha in {0.50, 0.55, ..., 1.00} x max|w|: the round(high_precision_ratio
// x rows) rows with the largest 4-bit error (the lower of their fixed and SP2 errors) get 8 bits;
// then the round(sp2_ratio x rows) rows with the smallest (SP2 error - fixed error) at their
// width go to SP2, the rest to fixed point. The alpha with the lowest total squared error wins
// (ties: the smaller alpha; rows tie by index), all measured with nearest rounding. The codes are
// then chosen within each row's format, nearest or compensated (rounding.h).
#ifndef QSCALE_SRC_QUANT_MSQ_H_
#define QSCALE_SRC_QUANT_MSQ_H_

#include <vector>

#include "src/config/quant_spec.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

// Fills `layer` (rows and k set) with the MSQ encoding of `node`'s weights: codes, row_bits,
// row_kind (kSp2 rows), decoded weights (w_int), per-row weight_scale (alpha / (2^(m-1) - 1) or
// alpha / 2^F), row_weight_bits (m, or Sp2WeightBits(m)), storage (m bits per weight; 32 bits
// for alpha and 2 flag bits per row). Codes are chosen by compensated rounding against `hessian`,
// or nearest when it is null (rounding.h).
void QuantizeMsqWeights(const nn::Node& node, const config::MsqSpec& spec,
                        const std::vector<double>* hessian, qnn::Layer& layer);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_MSQ_H_
