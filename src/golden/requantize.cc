#include "src/golden/requantize.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "src/golden/param_check.h"
#include "src/golden/saturate.h"

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

int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t product = static_cast<int64_t>(a) * b;
  const int64_t nudge = product >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  // gemmlowp's form: division truncates toward zero, and with this nudge the result is
  // floor((a * b + 2^30) / 2^31) for either sign.
  return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));
}

int32_t RoundingDivideByPowerOfTwo(int32_t x, int exponent) {
  RequireInRange("RoundingDivideByPowerOfTwo", "exponent", exponent, 0, 31);
  const int64_t mask = (int64_t{1} << exponent) - 1;
  const int64_t remainder = static_cast<int64_t>(x) & mask;
  const int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int32_t>((static_cast<int64_t>(x) >> exponent) +
                              (remainder > threshold ? 1 : 0));
}

int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  RequireInRange("MultiplyByQuantizedMultiplier", "shift", shift, kRequantizeMinShift,
                 kRequantizeMaxShift);
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  const int32_t shifted =
      static_cast<int32_t>(Saturate(static_cast<int64_t>(x) * (int64_t{1} << left), 32));
  return RoundingDivideByPowerOfTwo(SaturatingRoundingDoublingHighMul(shifted, multiplier), right);
}

int32_t Requantize(int64_t acc, int32_t multiplier, int shift, int32_t zero_point, int out_bits) {
  RequireInRange("Requantize", "out_bits", out_bits, 2, 32);
  const int32_t scaled =
      MultiplyByQuantizedMultiplier(static_cast<int32_t>(Saturate(acc, 32)), multiplier, shift);
  return static_cast<int32_t>(Saturate(static_cast<int64_t>(scaled) + zero_point, out_bits));
}

int32_t Relu(int32_t x, int32_t zero_point) { return x > zero_point ? x : zero_point; }

}  // namespace qscale::golden
