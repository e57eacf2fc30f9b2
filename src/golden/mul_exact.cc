#include "src/golden/mul_exact.h"

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

int32_t MulExact(int32_t weight, int32_t act, int weight_bits, int act_bits) {
  RequireInRange("MulExact", "weight_bits", weight_bits, kMulExactMinBits, kMulExactMaxBits);
  RequireInRange("MulExact", "act_bits", act_bits, kMulExactMinBits, kMulExactMaxBits);
  return WrapSigned(weight, weight_bits) * WrapSigned(act, act_bits);
}

}  // namespace qscale::golden
