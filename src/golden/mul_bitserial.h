// Bit-serial multiplier: NUUQ's small-area alternative to the parallel B-bit multiplier (DESIGN.md
// section 1.3). Golden model of rtl/multipliers/mul_bitserial.sv.
//
// The weight w (signed, B = weight_bits wide, two's complement) is consumed one bit per cycle,
// LSB first; the activation a (signed, A = act_bits wide) is held. Two's complement gives the MSB
// the weight -2^(B-1), so the last cycle subtracts instead of adding (sign-bit subtract):
//   P_0 = 0,   P_(k+1) = P_k + w_k * (a << k)   for k = 0 .. B-2,
//   P_B = P_(B-1) - w_(B-1) * (a << (B-1)),      P_B = w * a exactly.
// Every partial sum P_k fits in A + B signed bits.
//
// Handshake (valid/ready in, valid out). Operands are accepted at the clock edge that ends a cycle
// t0 with in_valid & in_ready; that same edge already adds the term of bit 0, so P_k is in the
// shift-add registers during cycle t0 + k and the product P_B is on the output, with out_valid
// high for one cycle, in cycle t0 + B: latency B cycles (BitSerialLatency). in_ready is low in
// cycles t0+1 .. t0+B-1 and high again in t0 + B, so back-to-back operands are accepted every B
// cycles (BitSerialInitiationInterval). The output holds its last product until the next one.
#ifndef QSCALE_SRC_GOLDEN_MUL_BITSERIAL_H_
#define QSCALE_SRC_GOLDEN_MUL_BITSERIAL_H_

#include <cstdint>

namespace qscale::golden {

inline constexpr int kBitSerialMinBits = 2;
inline constexpr int kBitSerialMaxBits = 16;

// Cycles from accepting operands to the product being valid: one per weight bit.
constexpr int BitSerialLatency(int weight_bits) { return weight_bits; }

// Cycles between accepted operand pairs when fed back to back.
constexpr int BitSerialInitiationInterval(int weight_bits) { return weight_bits; }

// The multiplier between cycles: `cycle` weight bits processed so far (0..weight_bits) and the
// partial sum P_cycle they produced (in the RTL during cycle t0 + cycle: {high_q, the finished
// low bits of low_q}).
struct BitSerialState {
  int64_t partial = 0;
  int cycle = 0;
};

// One clock edge: P_(cycle+1) from P_cycle, using bit `state.cycle` of the weight (subtracted for
// the MSB). weight, act: wrapped to weight_bits / act_bits (2..16) like RTL ports (see wrap.h).
// A finished state (cycle == weight_bits) is returned unchanged: the result register holds.
// Throws std::invalid_argument on widths out of range or state.cycle outside 0..weight_bits.
BitSerialState BitSerialStep(const BitSerialState& state, int32_t weight, int32_t act,
                             int weight_bits, int act_bits);

// The finished product: weight_bits steps from BitSerialState{}. Equals
// MulExact(weight, act, weight_bits, act_bits), signed weight_bits + act_bits wide.
// E.g. w = -3 (4 bits, 1101), a = 5: +5, +0, +20, -40 -> -15. Latency: BitSerialLatency.
int32_t MulBitSerial(int32_t weight, int32_t act, int weight_bits, int act_bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_MUL_BITSERIAL_H_
