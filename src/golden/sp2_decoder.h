// MSQ sum-of-two-powers-of-two (SP2) weight decoder (DESIGN.md section 1.4). Golden model of
// rtl/decoders/sp2_decoder.sv.
//
// An m-bit SP2 code is [sign | c1 (m1 bits) | c2 (m2 bits)], MSB first: bit m-1 is the sign
// (1 = negative), bits m-2..m2 hold c1, bits m2-1..0 hold c2, with m1 + m2 + 1 = m, m1 >= m2.
// qscale splits as evenly as the constraint allows: m1 = ceil((m-1)/2), m2 = floor((m-1)/2), so
// m = 4 -> (m1, m2) = (2, 1) as in the paper and m = 8 -> (4, 3).
// Term i is q_i = 0 if c_i = 0, else 2^-c_i; the weight is ±alpha * (q1 + q2). On the integer
// grid, with F = 2^m1 - 1 (the largest exponent), the weight is
//   w_int = (sign ? -1 : +1) * (t1 + t2),   t_i = 0 if c_i = 0, else 2^(F - c_i),
// i.e. alpha * (q1 + q2) = (alpha / 2^F) * w_int: two shifts and a sign. Since c2 <= 2^m2 - 1 <= F,
// every t_i is an integer; |w_int| <= 2^F (c1 = c2 = 1), so w_int is signed F + 2 bits wide.
#ifndef QSCALE_SRC_GOLDEN_SP2_DECODER_H_
#define QSCALE_SRC_GOLDEN_SP2_DECODER_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kSp2MinBits = 3;
inline constexpr int kSp2MaxBits = 8;

// Registered output: a code presented in cycle t gives its terms on the output in cycle t+1.
inline constexpr int kSp2DecoderLatency = 1;

// The field split of an m-bit code (m = `bits`).
struct Sp2Format {
  int bits = 4;  // m, the whole code including the sign
  int m1 = 2;    // width of c1
  int m2 = 1;    // width of c2
};

// The split qscale uses for m-bit codes: m1 = ceil((m-1)/2), m2 = floor((m-1)/2).
// bits: 3..8, else std::invalid_argument. 3 -> (1, 1), 4 -> (2, 1), 6 -> (3, 2), 8 -> (4, 3).
Sp2Format Sp2FormatForBits(int bits);

// F = 2^m1 - 1: the largest exponent, and the grid's fractional bits (w = alpha * w_int / 2^F).
// 3 for 4-bit codes, 15 for 8-bit codes.
constexpr int Sp2MaxExponent(const Sp2Format& format) { return (1 << format.m1) - 1; }

// Width of w_int, signed: F + 2 (5 for 4-bit codes, 17 for 8-bit codes).
int Sp2WeightBits(int bits);

// The decoder's output: a sign and two gated shifts. A disabled term (c_i = 0) has shift 0.
// shift1 = F - c1 in 0..F-1 and shift2 = F - c2 in F-(2^m2 - 1)..F-1 fit in m1 bits each.
struct Sp2Terms {
  bool negative =
      false;             // the code's sign bit (a code whose terms are both off still decodes to 0)
  bool enable1 = false;  // c1 != 0
  bool enable2 = false;  // c2 != 0
  int shift1 = 0;        // F - c1 when enabled, else 0
  int shift2 = 0;        // F - c2 when enabled, else 0
};

// Decodes an m-bit code (low `bits` bits of `code` used; bits: 3..8, else
// std::invalid_argument). E.g. 4-bit code 0b1011 (sign 1, c1 = 01, c2 = 1), F = 3:
// {negative, enable1, enable2, shift1 = 2, shift2 = 2}. Latency: kSp2DecoderLatency.
Sp2Terms Sp2Decode(int code, int bits);

// w_int of an m-bit code: (negative ? -1 : 1) * ((enable1 ? 2^shift1 : 0) +
// (enable2 ? 2^shift2 : 0)), signed Sp2WeightBits(bits) wide. E.g. 4-bit 0b1011 -> -(4 + 4) = -8;
// 0b0110 (c1 = 3, c2 = 0)
// -> +1; 0b1000 -> 0.
int32_t Sp2Weight(int code, int bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_SP2_DECODER_H_
