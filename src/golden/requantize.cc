#include "src/golden/requantize.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "src/golden/param_check.h"

namespace qscale::golden {

QuantizedMultiplier QuantizeMultiplier(double real_multiplier) {
  if (!std::isfinite(real_multiplier) || real_multiplier < 0) {
    throw std::invalid_argument("QuantizeMultiplier: the factor must be finite and >= 0 (got " +
                                std::to_string(real_multiplier) + ")");
  }
  if (real_multiplier == 0) return {};
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * 0x1p31));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++shift;
  }
  if (shift < kRequantizeMinShift) return {};
  RequireInRange("QuantizeMultiplier", "shift", shift, kRequantizeMinShift, kRequantizeMaxShift);
  return {static_cast<int32_t>(q_fixed), shift};
}

int64_t RoundingShiftRight(int64_t x, int n) {
  RequireInRange("RoundingShiftRight", "n", n, 1, 62);
  return RoundingShiftRightUnchecked(x, n);
}

void CheckRequantizeParams(int shift, int out_bits) {
  RequireInRange("Requantize", "out_bits", out_bits, 2, 32);
  RequireInRange("Requantize", "shift", shift, kRequantizeMinShift, kRequantizeMaxShift);
}

int32_t Requantize(int64_t acc, int32_t multiplier, int shift, int32_t zero_point, int out_bits) {
  CheckRequantizeParams(shift, out_bits);
  return RequantizeUnchecked(acc, multiplier, shift, zero_point, out_bits);
}

int32_t Relu(int32_t x, int32_t zero_point) { return x > zero_point ? x : zero_point; }

}  // namespace qscale::golden
