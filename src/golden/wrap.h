// Two's-complement port semantics: the value an RTL port of a given width holds when it is driven
// with an integer. Every golden unit applies this to its operands, so an out-of-range operand
// behaves exactly as it would on the verilated port (its high bits are dropped).
#ifndef QSCALE_SRC_GOLDEN_WRAP_H_
#define QSCALE_SRC_GOLDEN_WRAP_H_

#include <cstdint>

namespace qscale::golden {

// The low `bits` bits of `value` read as a signed (two's complement) integer. bits: 1..32.
// Values already in [-2^(bits-1), 2^(bits-1) - 1] pass unchanged; otherwise the result is
// congruent to `value` modulo 2^bits, e.g. WrapSigned(200, 8) = -56, WrapSigned(-129, 8) = 127.
constexpr int32_t WrapSigned(int64_t value, int bits) {
  const uint64_t sign = uint64_t{1} << (bits - 1);
  const uint64_t low = static_cast<uint64_t>(value) & ((sign << 1) - 1);
  return static_cast<int32_t>(static_cast<int64_t>(low ^ sign) - static_cast<int64_t>(sign));
}

// The low `bits` bits of `value` read as an unsigned integer. bits: 1..32.
// E.g. WrapUnsigned(-1, 3) = 7, WrapUnsigned(9, 3) = 1.
constexpr uint32_t WrapUnsigned(int64_t value, int bits) {
  return static_cast<uint32_t>(static_cast<uint64_t>(value) & ((uint64_t{1} << bits) - 1));
}

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_WRAP_H_
