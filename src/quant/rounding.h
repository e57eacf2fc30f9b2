// How a scheme turns each real weight into one of the levels its row's format allows, once the
// format (scales, LUTs, row schemes) is fixed. `quant.rounding`:
//   nearest      each weight to its nearest level, independently.
//   compensated  columns in k order; after the weights of column j are rounded, every row's
//                not-yet-rounded weights are adjusted to cancel the output error that rounding
//                caused, measured on the calibration inputs (H = X^T X, hessian.h). This is the
//                optimal-brain-quantization update as GPTQ applies it (Frantar, Ashkboos,
//                Hoefler, Alistarh, ICLR 2023), with the inverse Hessian's upper Cholesky factor
//                U: e = (w_j - q_j) / U_jj, w_c -= e * U_jc for c > j. H is damped by 1% of its
//                mean diagonal; inputs that are always zero get H_jj = 1.
// The codes stay those of the scheme; only which level each weight takes changes.
#ifndef QSCALE_SRC_QUANT_ROUNDING_H_
#define QSCALE_SRC_QUANT_ROUNDING_H_

#include <functional>
#include <vector>

namespace qscale::quant {

// Rounds weight (row, col), whose current real value is `value`, to a level of its row's format:
// records the chosen code for (row, col) and returns the level's real value.
using RoundFn = std::function<double(int row, int col, double value)>;

// Calls round(row, col, w[row][col]) for every weight (weights: rows x k, row-major).
void NearestRounding(int rows, int k, const float* weights, const RoundFn& round);

// Compensated rounding of `weights` (rows x k) against `hessian` (k x k, row-major; see the file
// comment). Calls `round` exactly once per weight, columns in order.
void CompensatedRounding(const std::vector<double>& hessian, int rows, int k,
                         const float* weights, const RoundFn& round);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_ROUNDING_H_
