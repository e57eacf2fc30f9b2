// Requantization of accumulators to activations (DESIGN.md section 1.5): integer multiply, rounding
// right shift, zero point, clamp; and ReLU on integers. Bit-compatible with TensorFlow Lite's int8
// kernels (gemmlowp's SaturatingRoundingDoublingHighMul + RoundingDivideByPOT), so `int8` results
// can be checked against TFLite. Golden model of rtl/pe/requantize.sv.
//
// A real rescale factor M = s_in * s_w / s_out > 0 is represented as a Q0.31 `multiplier` in
// [2^30, 2^31) and a power-of-two `shift` (positive = left): M ~= multiplier * 2^(shift - 31)
// (QuantizeMultiplier). The two rounding steps round differently, as in TFLite and ARM's
// SQRDMULH: the high multiply rounds half up (toward +infinity), the shift half away from zero.
#ifndef QSCALE_SRC_GOLDEN_REQUANTIZE_H_
#define QSCALE_SRC_GOLDEN_REQUANTIZE_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kRequantizeMinShift = -31;
inline constexpr int kRequantizeMaxShift = 30;

// Two registered stages: the 32x32 multiply (cycle t -> t+1), then round, shift, offset and clamp
// (t+1 -> t+2). ReLU folds into the clamp of the second stage and adds no cycle.
inline constexpr int kRequantizeLatency = 2;
inline constexpr int kReluLatency = 0;

// A rescale factor as the datapath sees it: real value multiplier * 2^(shift - 31).
struct QuantizedMultiplier {
  int32_t multiplier = 0;  // Q0.31, in [2^30, 2^31) for a non-zero factor, 0 for zero
  int shift = 0;           // kRequantizeMinShift..kRequantizeMaxShift, positive = left shift
};

// Setup-time helper (not datapath; the one place this file touches floating point): the
// multiplier and shift of `real_multiplier`, exactly as TFLite's QuantizeMultiplier:
// real = q * 2^shift with q in [0.5, 1), multiplier = round(q * 2^31) (half away from zero), and
// a multiplier of 2^31 becomes 2^30 with shift + 1. Factors below 2^-32 (shift < -31) give {0, 0}.
// Throws std::invalid_argument for a negative or non-finite factor, or one whose shift would
// exceed kRequantizeMaxShift (factors >= 2^30 - 2^-2, far beyond any real rescale).
// E.g. 0.5 -> {2^30, 0}; 0.75 -> {3 * 2^29, 0}; 3.0 -> {3 * 2^29, 2}.
QuantizedMultiplier QuantizeMultiplier(double real_multiplier);

// floor((a * b + 2^30) / 2^31): a * b / 2^31 rounded half up (toward +infinity), saturated: the
// only overflow, a = b = -2^31, gives 2^31 - 1. E.g. (2^30, 3) -> 2 (1.5 rounds to 2);
// (2^30, -3) -> -1 (-1.5 rounds to -1); (2^30, -5) -> -2 (-2.5 rounds to -2).
int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b);

// round(x / 2^exponent), half away from zero; exponent: 0..31, else std::invalid_argument.
// E.g. (5, 1) -> 3, (-5, 1) -> -3, (-6, 2) -> -2, (7, 2) -> 2.
int32_t RoundingDivideByPowerOfTwo(int32_t x, int exponent);

// TFLite's MultiplyByQuantizedMultiplier: RoundingDivideByPowerOfTwo(
// SaturatingRoundingDoublingHighMul(x * 2^max(shift, 0), multiplier), max(-shift, 0)). The left
// shift saturates to the int32 range (where TFLite's is undefined). shift: -31..30.
int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);

// One output activation: clamp(zero_point + MultiplyByQuantizedMultiplier(acc', multiplier,
// shift), -2^(out_bits-1), 2^(out_bits-1) - 1), where acc' is `acc` saturated to int32 (an
// accumulator wider than 32 bits is clamped before the multiply). out_bits: 2..32; the sum with
// zero_point is taken without overflow (in 64 bits). Throws std::invalid_argument on a shift or
// out_bits out of range. E.g. acc = 1000, M = 0.75 ({3 * 2^29, 0}), zero_point = -3, 8 bits:
// 750 - 3 = 747 -> 127; acc = 100 -> 75 - 3 = 72. Latency: kRequantizeLatency.
int32_t Requantize(int64_t acc, int32_t multiplier, int shift, int32_t zero_point, int out_bits);

// ReLU on a quantized value: max(x, zero_point) (real 0 maps to zero_point). Latency: kReluLatency.
int32_t Relu(int32_t x, int32_t zero_point = 0);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_REQUANTIZE_H_
