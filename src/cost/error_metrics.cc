#include "src/cost/error_metrics.h"

#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "src/golden/mul_csd.h"

namespace qscale::cost {

ErrorMetrics ExhaustiveErrorMetrics(int weight_bits, int act_bits,
                                    const std::function<int64_t(int32_t, int32_t)>& approx) {
  if (weight_bits < 1 || act_bits < 1 || weight_bits + act_bits > 24) {
    throw std::invalid_argument("ExhaustiveErrorMetrics: widths must be >= 1 and sum to <= 24");
  }
  ErrorMetrics m;
  double abs_sum = 0, rel_sum = 0;
  int64_t wrong = 0;
  for (int32_t w = -(1 << (weight_bits - 1)); w < (1 << (weight_bits - 1)); ++w) {
    for (int32_t a = -(1 << (act_bits - 1)); a < (1 << (act_bits - 1)); ++a) {
      const int64_t exact = int64_t{w} * a;
      const int64_t error = std::llabs(approx(w, a) - exact);
      abs_sum += static_cast<double>(error);
      rel_sum += static_cast<double>(error) / static_cast<double>(std::max<int64_t>(1, std::llabs(exact)));
      if (error > m.wce) m.wce = error;
      if (error != 0) ++wrong;
      ++m.pairs;
    }
  }
  const double range = std::ldexp(1.0, weight_bits + act_bits);
  const double pairs = static_cast<double>(m.pairs);
  m.mae = abs_sum / pairs;
  m.mae_percent = 100 * m.mae / range;
  m.wce_percent = 100 * static_cast<double>(m.wce) / range;
  m.mre_percent = 100 * rel_sum / pairs;
  m.ep_percent = 100 * static_cast<double>(wrong) / pairs;
  return m;
}

ErrorMetrics CsdErrorMetrics(int quality, int weight_bits, int act_bits) {
  return ExhaustiveErrorMetrics(weight_bits, act_bits, [&](int32_t w, int32_t a) {
    return int64_t{golden::MulCsd(w, a, quality, weight_bits, act_bits)};
  });
}

}  // namespace qscale::cost
