#include "src/golden/mul_bitserial.h"

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

BitSerialState BitSerialStep(const BitSerialState& state, int32_t weight, int32_t act,
                             int weight_bits, int act_bits) {
  RequireInRange("BitSerialStep", "weight_bits", weight_bits, kBitSerialMinBits, kBitSerialMaxBits);
  RequireInRange("BitSerialStep", "act_bits", act_bits, kBitSerialMinBits, kBitSerialMaxBits);
  RequireInRange("BitSerialStep", "state.cycle", state.cycle, 0, weight_bits);
  if (state.cycle == weight_bits) return state;
  const int k = state.cycle;
  BitSerialState next{state.partial, k + 1};
  if ((WrapUnsigned(weight, weight_bits) >> k) & 1u) {
    const int64_t term = static_cast<int64_t>(WrapSigned(act, act_bits)) * (int64_t{1} << k);
    next.partial += k == weight_bits - 1 ? -term : term;
  }
  return next;
}

int32_t MulBitSerial(int32_t weight, int32_t act, int weight_bits, int act_bits) {
  RequireInRange("MulBitSerial", "weight_bits", weight_bits, kBitSerialMinBits, kBitSerialMaxBits);
  BitSerialState state;
  for (int k = 0; k < weight_bits; ++k) {
    state = BitSerialStep(state, weight, act, weight_bits, act_bits);
  }
  return static_cast<int32_t>(state.partial);
}

}  // namespace qscale::golden
