// Saturating fixed-width integer arithmetic shared by the accumulators of the golden engine and
// the RTL (rtl/common/acc_sat.sv).
#ifndef QSCALE_SRC_GOLDEN_SATURATE_H_
#define QSCALE_SRC_GOLDEN_SATURATE_H_

#include <cstdint>

namespace qscale::golden {

// Largest value of a signed `bits`-wide integer, 2^(bits-1) - 1. bits: 1..63.
constexpr int64_t MaxSigned(int bits) { return (int64_t{1} << (bits - 1)) - 1; }

// Smallest value of a signed `bits`-wide integer, -2^(bits-1). bits: 1..63.
constexpr int64_t MinSigned(int bits) { return -(int64_t{1} << (bits - 1)); }

// `value` clamped to the signed `bits`-wide range. bits: 1..63.
constexpr int64_t Saturate(int64_t value, int bits) {
  return value > MaxSigned(bits) ? MaxSigned(bits)
                                 : (value < MinSigned(bits) ? MinSigned(bits) : value);
}

// acc + addend, clamped to the signed `acc_bits`-wide range; the step of rtl/common/acc_sat.sv.
// acc must already lie in that range; |addend| < 2^62. Exact (no wrap) for acc_bits <= 62.
constexpr int64_t SaturatingAdd(int64_t acc, int64_t addend, int acc_bits) {
  return Saturate(acc + addend, acc_bits);
}

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_SATURATE_H_
