// QSQ shift-and-scale weight decoder (DESIGN.md section 1.2) and its level-count helpers.
// Golden model of rtl/decoders/qsq_decoder.sv.
//
// A QSQ code is 3 bits, [sign | e1 e0]: bit 2 is the sign (1 = negative), bits 1:0 the magnitude
// index e. Each weight vector v carries a scale s_v and, with `qsq.mean: true`, a mean m_v, both
// signed fixed-point integers of `param_bits` bits sharing the vector's fixed-point scale; the
// decoded weight is an integer in the same units:
//   w = 0                                          if e = 0 (exact zero, whatever the mean)
//   w = m_v + (sign ? -1 : +1) * (s_v << (e - 1))  if e = 1, 2, 3 (magnitudes 1, 2, 4 x s_v)
#ifndef QSCALE_SRC_GOLDEN_QSQ_DECODER_H_
#define QSCALE_SRC_GOLDEN_QSQ_DECODER_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kQsqCodeBits = 3;
inline constexpr int kQsqMinParamBits = 2;
inline constexpr int kQsqMaxParamBits = 16;

// Registered output: a code presented in cycle t is decoded on the output in cycle t+1.
inline constexpr int kQsqDecoderLatency = 1;

// Width of a decoded weight: param_bits + 3, signed. With P = param_bits, |s_v << 2| <= 2^(P+1)
// and |m_v| <= 2^(P-1), so w lies in [-5 * 2^(P-1), 5 * 2^(P-1) - 1], which needs P + 3 bits
// (P + 2 bits stop at 2^(P+1) - 1). The decoder never overflows or saturates.
constexpr int QsqWeightBits(int param_bits) { return param_bits + 3; }

// Largest magnitude index e that a quantizer emits at `qsq.levels`: 7 levels {0, ±1, ±2, ±4} x s
// use e in 0..3; 5 levels {0, ±1, ±2} x s use e in 0..2; 3 levels {0, ±1} x s use e in 0..1.
// Throws std::invalid_argument unless levels is 3, 5 or 7.
int QsqMaxMagnitudeIndex(int levels);

// True when the low 3 bits of `code` carry e <= QsqMaxMagnitudeIndex(levels). Both signs of a
// legal e are legal; code 0b100 ("-0") is legal and decodes to 0 like 0b000, but quantizers emit
// 0b000. Illegal codes (e = 3 at 5 levels, e >= 2 at 3 levels) are never emitted by a quantizer;
// the decoder has no `levels` input and decodes them anyway by the same formula (see QsqDecode).
bool QsqCodeIsLegal(int code, int levels);

// Bits a code occupies in weight memory at `levels`: 3 for 7 and 5 levels, 2 for 3 levels
// (stored as [sign | e0]). Per-vector parameters are counted separately.
int QsqStoredCodeBits(int levels);

// The decoder's 3-bit code for a stored code of QsqStoredCodeBits(levels) bits (low bits of
// `stored` used): identity for 7 and 5 levels; [s | e0] -> [s | 0 e0] for 3 levels.
int QsqCodeFromStored(int stored, int levels);

// Decodes one weight. code: low 3 bits used. scale, mean: signed, param_bits wide (2..16); pass
// mean = 0 when the layer has no mean. Operands outside their width are wrapped like RTL ports
// (low bits, sign-extended; see wrap.h). Result: signed, QsqWeightBits(param_bits) wide, exact
// (no rounding, no saturation). Every one of the 8 codes decodes by the formula in the file
// comment, including codes that are illegal at a given level count.
// Throws std::invalid_argument if param_bits is outside 2..16.
// E.g. QsqDecode(0b110, 5, 1, 8) = 1 - (5 << 1) = -9. Latency: kQsqDecoderLatency.
int32_t QsqDecode(int code, int32_t scale, int32_t mean, int param_bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_QSQ_DECODER_H_
