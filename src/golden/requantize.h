// Requantization of accumulators to activations (DESIGN.md section 1.5): one integer multiply,
// one rounding right shift, zero point, clamp; and ReLU on integers. Golden model of the
// requantizer at the array's output.
//
// A real rescale factor M = s_in * s_w / s_out > 0 is represented as a Q0.31 `multiplier` in
// [2^30, 2^31) and a power-of-two `shift` (positive = left): M ~= multiplier * 2^(shift - 31)
// (QuantizeMultiplier, TFLite's representation). The product acc * multiplier is exact in 64 bits
// and is shifted right by 31 - shift with a single rounding, half away from zero, so a
// power-of-two factor (the `fixed` scheme's) is an exactly rounded shift. (TFLite's kernels round
// twice, a high multiply then a shift, and can be 0.75 LSB off; qscale's datapath does not.)
#ifndef QSCALE_SRC_GOLDEN_REQUANTIZE_H_
#define QSCALE_SRC_GOLDEN_REQUANTIZE_H_

#include <cstdint>

#include "src/golden/saturate.h"

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

// round(x / 2^n), halves away from zero, exact for |x| < 2^62; n: 1..62, else
// std::invalid_argument. E.g. (5, 1) -> 3, (-5, 1) -> -3, (-6, 2) -> -2, (7, 2) -> 2.
int64_t RoundingShiftRight(int64_t x, int n);

// RoundingShiftRight without the check of n (1..62 is the caller's promise).
inline int64_t RoundingShiftRightUnchecked(int64_t x, int n) {
  const int64_t half = int64_t{1} << (n - 1);
  return x >= 0 ? (x + half) >> n : -((-x + half) >> n);
}

// One output activation: clamp(zero_point + RoundingShiftRight(acc' * multiplier, 31 - shift),
// -2^(out_bits-1), 2^(out_bits-1) - 1), where acc' is `acc` saturated to int32 (an accumulator
// wider than 32 bits is clamped at the requantizer's 32-bit input). multiplier: 0..2^31-1;
// shift: -31..30; out_bits: 2..32; the sum with zero_point is taken in 64 bits. Throws
// std::invalid_argument on a shift or out_bits out of range. The result is within half an LSB
// of acc' * multiplier * 2^(shift-31) before the clamp. E.g. acc = 1000, M = 0.75
// ({3 * 2^29, 0}), zero_point = -3, 8 bits: 750 - 3 = 747 -> 127; acc = 100 -> 75 - 3 = 72;
// acc = 5, M = 0.25: 1.25 -> 1. Latency: kRequantizeLatency.
int32_t Requantize(int64_t acc, int32_t multiplier, int shift, int32_t zero_point, int out_bits);

// Throws std::invalid_argument, as Requantize does, unless shift is in -31..30 and out_bits in
// 2..32: the check a caller makes once per layer before RequantizeUnchecked.
void CheckRequantizeParams(int shift, int out_bits);

// Requantize without its per-call checks, the same integer for the same arguments: a hot loop
// checks shift and out_bits once (CheckRequantizeParams) and calls this per output. With a shift
// or out_bits out of range the result is meaningless.
inline int32_t RequantizeUnchecked(int64_t acc, int32_t multiplier, int shift, int32_t zero_point,
                                   int out_bits) {
  const int64_t product = Saturate(acc, 32) * static_cast<int64_t>(multiplier);
  const int64_t scaled = RoundingShiftRightUnchecked(product, 31 - shift);
  return static_cast<int32_t>(Saturate(scaled + zero_point, out_bits));
}

// ReLU on a quantized value: max(x, zero_point) (real 0 maps to zero_point). Latency: kReluLatency.
int32_t Relu(int32_t x, int32_t zero_point = 0);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_REQUANTIZE_H_
