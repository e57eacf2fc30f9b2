// Error metrics of an approximate multiplier in the form EvoApproxLib reports them (Mrazek et
// al., DATE 2017), computed exhaustively from the golden model over every pair of signed
// operands of the given widths.
#ifndef QSCALE_SRC_COST_ERROR_METRICS_H_
#define QSCALE_SRC_COST_ERROR_METRICS_H_

#include <cstdint>
#include <functional>

namespace qscale::cost {

struct ErrorMetrics {
  int64_t pairs = 0;        // operand pairs evaluated (2^(W+A))
  double mae = 0;           // mean |approx - exact|, in units of the product's LSB
  double mae_percent = 0;   // mae / 2^(W+A) x 100 (EvoApproxLib's MAE%)
  int64_t wce = 0;          // worst-case |approx - exact|, LSBs
  double wce_percent = 0;   // wce / 2^(W+A) x 100
  double mre_percent = 0;   // mean |approx - exact| / max(1, |exact|) x 100
  double ep_percent = 0;    // share of pairs with approx != exact, percent
};

// Metrics of `approx(weight, act)` against weight * act over all signed weight_bits x act_bits
// operand pairs (weight_bits + act_bits <= 24).
ErrorMetrics ExhaustiveErrorMetrics(int weight_bits, int act_bits,
                                    const std::function<int64_t(int32_t, int32_t)>& approx);

// The CSD multiplier (golden::MulCsd) at `quality` (1..8), weight_bits x act_bits.
ErrorMetrics CsdErrorMetrics(int quality, int weight_bits = 8, int act_bits = 8);

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_ERROR_METRICS_H_
