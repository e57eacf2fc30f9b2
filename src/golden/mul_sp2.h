// MSQ shift-add multiplier for SP2 weights (DESIGN.md section 1.4): two shifts, one add, a sign.
// Golden model of rtl/multipliers/mul_sp2.sv. The weight's code is decoded once, when it is loaded
// into the PE (sp2_decoder.h); the PE holds the decoded terms.
#ifndef QSCALE_SRC_GOLDEN_MUL_SP2_H_
#define QSCALE_SRC_GOLDEN_MUL_SP2_H_

#include <cstdint>

#include "src/golden/sp2_decoder.h"

namespace qscale::golden {

inline constexpr int kMulSp2MinActBits = 2;
inline constexpr int kMulSp2MaxActBits = 16;
// Largest shift a term may carry: F - 1 for the widest (8-bit) codes.
inline constexpr int kMulSp2MaxShift = 14;

// Registered output: operands presented in cycle t give the product in cycle t+1.
inline constexpr int kMulSp2Latency = 1;

// Width of the product for `code_bits`-bit codes (3..8) and `act_bits`-bit activations (2..16):
// act_bits + F + 1, signed (|w_int| <= 2^F, |act| <= 2^(act_bits-1)). At most 32: always exact
// in int32. E.g. 4-bit codes, 8-bit activations: 12 bits.
int Sp2ProductBits(int code_bits, int act_bits);

// (negative ? -1 : +1) * ((enable1 ? act << shift1 : 0) + (enable2 ? act << shift2 : 0)).
// act: signed, act_bits (2..16) wide, wrapped like an RTL port if outside (see wrap.h). Shifts of
// disabled terms are ignored; enabled shifts must be in 0..kMulSp2MaxShift. Exact: no rounding,
// no saturation; equals Sp2Weight(code) * act for terms from Sp2Decode(code). Throws
// std::invalid_argument on an out-of-range act_bits or shift. Latency: kMulSp2Latency.
// E.g. terms {negative, shift1 = 2, shift2 = 0}, act = 5: -((5 << 2) + 5) = -25.
int32_t MulSp2(const Sp2Terms& terms, int32_t act, int act_bits);

// MulSp2(Sp2Decode(code, code_bits), act, act_bits): the product of an m-bit code and an
// activation. E.g. 4-bit 0b1011 (w_int = -8) times act = 3: -((3 << 2) + (3 << 2)) = -24.
int32_t MulSp2(int code, int32_t act, int code_bits, int act_bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_MUL_SP2_H_
