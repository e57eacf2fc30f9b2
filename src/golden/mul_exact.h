// Exact signed multiplier: the int8 and fixed-point schemes' PE, MSQ's fixed-point (DSP) rows and
// NUUQ's parallel B-bit multiplier. Golden model of rtl/multipliers/mul_exact.sv.
#ifndef QSCALE_SRC_GOLDEN_MUL_EXACT_H_
#define QSCALE_SRC_GOLDEN_MUL_EXACT_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kMulExactMinBits = 1;
inline constexpr int kMulExactMaxBits = 16;

// Registered output: operands presented in cycle t give the product in cycle t+1.
inline constexpr int kMulExactLatency = 1;

// weight * act, exact. weight: signed, weight_bits wide; act: signed, act_bits wide; both widths
// 1..16 (1 bit holds {-1, 0}; `fixed` layers of BW = 1 are all zero). An operand outside its
// width is wrapped like the RTL port it drives (low bits, sign-extended; see wrap.h).
// Result: signed, weight_bits + act_bits wide, never saturated (the extreme product
// (-2^(W-1)) * (-2^(A-1)) = 2^(W+A-2) fits). Throws std::invalid_argument on a width outside
// 1..16. E.g. MulExact(-128, -128, 8, 8) = 16384; MulExact(200, 3, 8, 8) = -56 * 3 = -168.
// Latency: kMulExactLatency.
int32_t MulExact(int32_t weight, int32_t act, int weight_bits, int act_bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_MUL_EXACT_H_
