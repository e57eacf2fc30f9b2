#include "src/golden/sp2_decoder.h"

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

Sp2Format Sp2FormatForBits(int bits) {
  RequireInRange("SP2", "code bits", bits, kSp2MinBits, kSp2MaxBits);
  return {bits, bits / 2, (bits - 1) / 2};
}

int Sp2WeightBits(int bits) { return Sp2MaxExponent(Sp2FormatForBits(bits)) + 2; }

Sp2Terms Sp2Decode(int code, int bits) {
  const Sp2Format format = Sp2FormatForBits(bits);
  const int max_exponent = Sp2MaxExponent(format);
  const uint32_t raw = WrapUnsigned(code, bits);
  const int c2 = static_cast<int>(raw & ((1u << format.m2) - 1));
  const int c1 = static_cast<int>((raw >> format.m2) & ((1u << format.m1) - 1));
  Sp2Terms terms;
  terms.negative = ((raw >> (bits - 1)) & 1u) != 0;
  terms.enable1 = c1 != 0;
  terms.enable2 = c2 != 0;
  terms.shift1 = terms.enable1 ? max_exponent - c1 : 0;
  terms.shift2 = terms.enable2 ? max_exponent - c2 : 0;
  return terms;
}

int32_t Sp2Weight(int code, int bits) {
  const Sp2Terms terms = Sp2Decode(code, bits);
  const int32_t magnitude = (terms.enable1 ? int32_t{1} << terms.shift1 : 0) +
                            (terms.enable2 ? int32_t{1} << terms.shift2 : 0);
  return terms.negative ? -magnitude : magnitude;
}

}  // namespace qscale::golden
