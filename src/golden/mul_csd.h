// Quality-scalable canonic-signed-digit (CSD) multiplier of the QSQ scheme (DESIGN.md section
// 1.2). Golden model of rtl/multipliers/mul_csd.sv.
//
// Recoding. The weight w (signed, B = weight_bits wide) is recoded once, when it is loaded into
// the PE, to its non-adjacent form (NAF), the canonic signed-digit form: digits d_i in {-1, 0, +1}
// with w = sum d_i * 2^i. Definition: n = w; for i = 0, 1, 2, ... until n = 0: if n is odd,
// d_i = 2 - (n mod 4) with n mod 4 taken in {1, 3} (so d_i = +1 or -1) and n = (n - d_i) / 2;
// else d_i = 0 and n = n / 2. The RTL computes the same digits in parallel as
//   d_i = bit_(i+1)(3w) - bit_(i+1)(w),   w sign-extended to B + 2 bits, i = 0 .. B-1.
// Properties (tested exhaustively up to 16 bits): the NAF is unique; no two adjacent digits are
// non-zero; digits occupy positions 0..B-1 only (the most negative weight -2^(B-1) is the single
// digit -1 at position B-1); at most ceil(B/2) digits are non-zero, so 8 for 16-bit weights.
//
// Quality. Only the `quality` non-zero digits of highest position are kept; every lower digit is
// dropped (truncated, not rounded). The kept digits form the approximate weight w_q, which has the
// sign of w and |w_q| <= 2^(B-1). Each kept digit is one partial-product row, d_i * (act << i);
// the product is the sum of the rows, exactly w_q * act. Rows beyond the weight's non-zero digits
// are gated and do not switch (CsdActiveRows). `quality` is a run-time input of the RTL, 1..8;
// quality >= CsdNonZeroDigits(w) (always true at 8 for B <= 16) makes the product exact.
#ifndef QSCALE_SRC_GOLDEN_MUL_CSD_H_
#define QSCALE_SRC_GOLDEN_MUL_CSD_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kCsdMinBits = 2;
inline constexpr int kCsdMaxBits = 16;
inline constexpr int kCsdMinQuality = 1;
inline constexpr int kCsdMaxQuality = 8;  // = partial-product rows in the RTL

// Weight load: a weight presented in cycle t has its digits in the PE's weight register in t+1.
inline constexpr int kCsdRecodeLatency = 1;
// Registered output: an activation (and quality) presented in cycle t gives the product in t+1.
inline constexpr int kMulCsdLatency = 1;

// A signed-digit number as two digit masks: bit i of `plus` set means d_i = +1, bit i of `minus`
// set means d_i = -1, neither means d_i = 0 (never both). Bit i has weight 2^i.
struct CsdCode {
  uint32_t plus = 0;
  uint32_t minus = 0;

  // d_i in {-1, 0, +1}; i: 0..31.
  int Digit(int i) const {
    return static_cast<int>((plus >> i) & 1u) - static_cast<int>((minus >> i) & 1u);
  }
  // sum of d_i * 2^i.
  int64_t Value() const { return static_cast<int64_t>(plus) - static_cast<int64_t>(minus); }
};

// The NAF of `weight` (wrapped to weight_bits like an RTL port, see wrap.h), as defined in the file
// comment. weight_bits: 2..16. E.g. 7 -> 8 - 1 (plus 0b1000, minus 0b0001); -128 at 8 bits ->
// minus 0b1000'0000; 0x5555 = 21845 -> eight +1 digits at even positions.
CsdCode CsdDigits(int32_t weight, int weight_bits = kCsdMaxBits);

// Number of non-zero NAF digits of `weight` (0..ceil(weight_bits/2)). E.g. 7 -> 2, 0 -> 0.
int CsdNonZeroDigits(int32_t weight, int weight_bits = kCsdMaxBits);

// `code` with only its `quality` non-zero digits of highest position kept (quality 1..8).
CsdCode CsdTruncate(const CsdCode& code, int quality);

// w_q: the value of CsdTruncate(CsdDigits(weight, weight_bits), quality); signed, weight_bits + 1
// wide at most (|w_q| <= 2^(B-1)). E.g. 0b0101'1011 = 91 = 128 - 32 - 4 - 1 at quality 2 -> 96.
int32_t CsdApproximateWeight(int32_t weight, int quality, int weight_bits = kCsdMaxBits);

// Partial-product rows that switch for `weight` at `quality`: min(quality, CsdNonZeroDigits).
// The energy model charges only these; a zero weight uses none.
int CsdActiveRows(int32_t weight, int quality, int weight_bits = kCsdMaxBits);

// Sum over the kept digits of d_i * (act << i) = CsdApproximateWeight(weight, quality) * act.
// weight: signed, weight_bits (2..16) wide; act: signed, act_bits (2..16) wide; both wrapped like
// RTL ports if outside (see wrap.h); quality: 1..8. Result: signed, weight_bits + act_bits wide,
// exact for the kept digits (truncation is the only approximation; no saturation).
// Throws std::invalid_argument on a width or quality out of range. Latency: kMulCsdLatency.
// E.g. MulCsd(91, 3, 2) = (128 - 32) * 3 = 288; MulCsd(91, 3, 4) = 273 = 91 * 3.
int32_t MulCsd(int32_t weight, int32_t act, int quality, int weight_bits = kCsdMaxBits,
               int act_bits = kCsdMaxBits);

// The recoded rows rtl/multipliers/csd_recoder.sv produces: the word a csd PE's weight register
// holds (the recoder sits once per array column in the weight-load path). With R = ceil(B/2)
// rows and P = clog2(B) position bits (B = weight_bits): bits [r*P, r*P + P) hold the position of
// row r, bit R*P + r its sign (1: digit -1), bit R*(P+1) + r its valid; row r is the r-th non-zero
// digit of CsdDigits(weight, B) counted from the top; rows beyond the last digit are 0.
// CsdRowWordBits(B) = R * (P + 2): 48 at B = 16, 20 at B = 8. E.g. 7 at B = 8 (8 - 1): row 0
// (valid, +, position 3), row 1 (valid, -, position 0).
int CsdRowWordBits(int weight_bits);
uint64_t CsdRowWord(int32_t weight, int weight_bits = kCsdMaxBits);

// The product rtl/multipliers/mul_csd_rows.sv computes from a row word: the sum over the valid
// rows r < quality of (negative ? -1 : +1) * (act << position), act wrapped to act_bits, the
// result wrapped to weight_bits + act_bits (the product register). quality 0..15 (the RTL port:
// 0 keeps no row, above R keeps all). MulCsdRows(CsdRowWord(w, B), a, q, B, A) = MulCsd(w, a, q,
// B, A) for q in 1..8 (tests/golden/mul_csd_test.cc, CsdRowWord.ShiftAddOfTheRows*: every
// weight and activation at B = A = 8; every weight, with corner and sample activations, at 12
// and 16 bits).
int32_t MulCsdRows(uint64_t rows, int32_t act, int quality, int weight_bits = kCsdMaxBits,
                   int act_bits = kCsdMaxBits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_MUL_CSD_H_
