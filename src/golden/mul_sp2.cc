#include "src/golden/mul_sp2.h"

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

int Sp2ProductBits(int code_bits, int act_bits) {
  RequireInRange("Sp2ProductBits", "act_bits", act_bits, kMulSp2MinActBits, kMulSp2MaxActBits);
  return act_bits + Sp2MaxExponent(Sp2FormatForBits(code_bits)) + 1;
}

int32_t MulSp2(const Sp2Terms& terms, int32_t act, int act_bits) {
  RequireInRange("MulSp2", "act_bits", act_bits, kMulSp2MinActBits, kMulSp2MaxActBits);
  const int64_t a = WrapSigned(act, act_bits);
  int64_t sum = 0;
  if (terms.enable1) {
    RequireInRange("MulSp2", "shift1", terms.shift1, 0, kMulSp2MaxShift);
    sum += a * (int64_t{1} << terms.shift1);
  }
  if (terms.enable2) {
    RequireInRange("MulSp2", "shift2", terms.shift2, 0, kMulSp2MaxShift);
    sum += a * (int64_t{1} << terms.shift2);
  }
  return static_cast<int32_t>(terms.negative ? -sum : sum);
}

int32_t MulSp2(int code, int32_t act, int code_bits, int act_bits) {
  return MulSp2(Sp2Decode(code, code_bits), act, act_bits);
}

}  // namespace qscale::golden
