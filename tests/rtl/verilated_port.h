// Reading and driving the ports of Verilator --cc models from the RTL tests. Verilator maps a
// port of up to 8/16/32/64 bits to CData/SData/IData/QData (unsigned) and a wider one to
// VlWide<N> (32-bit words, LSB first); a signed port arrives zero-extended, so every read names
// the field's width and sign-extends here.
#ifndef QSCALE_TESTS_RTL_VERILATED_PORT_H_
#define QSCALE_TESTS_RTL_VERILATED_PORT_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace qscale::rtl_test {

// The low `bits` (1..64) of `raw` as a two's-complement integer.
inline int64_t SignExtend(uint64_t raw, int bits) {
  const int shift = 64 - bits;
  return static_cast<int64_t>(raw << shift) >> shift;
}

// The low `bits` (1..64) of `value`.
inline uint64_t LowBits(int64_t value, int bits) {
  return bits >= 64 ? static_cast<uint64_t>(value)
                    : static_cast<uint64_t>(value) & ((uint64_t{1} << bits) - 1);
}

// Writes the low `width` bits of `value` into bits [lsb, lsb + width) of `port`.
template <typename Port>
void SetField(Port& port, int lsb, int width, int64_t value) {
  const uint64_t bits = LowBits(value, width);
  if constexpr (std::is_integral_v<Port>) {
    const uint64_t mask = LowBits(-1, width) << lsb;
    port = static_cast<Port>((static_cast<uint64_t>(port) & ~mask) | (bits << lsb));
  } else {
    for (int b = 0; b < width; ++b) {
      const int i = lsb + b;
      const uint32_t bit = uint32_t{1} << (i % 32);
      if ((bits >> b) & 1u) {
        port[i / 32] |= bit;
      } else {
        port[i / 32] &= ~bit;
      }
    }
  }
}

// Bits [lsb, lsb + width) of `port`, unsigned.
template <typename Port>
uint64_t GetField(const Port& port, int lsb, int width) {
  if constexpr (std::is_integral_v<Port>) {
    return LowBits(static_cast<int64_t>(static_cast<uint64_t>(port) >> lsb), width);
  } else {
    uint64_t bits = 0;
    for (int b = 0; b < width; ++b) {
      const int i = lsb + b;
      bits |= static_cast<uint64_t>((port[i / 32] >> (i % 32)) & 1u) << b;
    }
    return bits;
  }
}

// Bits [lsb, lsb + width) of `port`, sign-extended.
template <typename Port>
int64_t GetSigned(const Port& port, int lsb, int width) {
  return SignExtend(GetField(port, lsb, width), width);
}

// One clock cycle of a model with clk_i: the inputs set for this cycle are evaluated (Settle),
// then the rising edge registers them (Edge). Outputs read between the two are the values during
// the cycle; outputs read after Edge are those of the next cycle. rst_ni is pulsed by Reset.
template <typename Model>
void Settle(Model& model) {
  model.clk_i = 0;
  model.eval();
}
template <typename Model>
void Edge(Model& model) {
  model.clk_i = 1;
  model.eval();
  model.clk_i = 0;
}
// Settle then Edge: one whole cycle with the inputs as set.
template <typename Model>
void Tick(Model& model) {
  Settle(model);
  Edge(model);
}
template <typename Model>
void Reset(Model& model) {
  model.clk_i = 0;
  model.rst_ni = 1;
  model.eval();
  model.rst_ni = 0;
  model.eval();
  model.rst_ni = 1;
  model.eval();
}

// Clocks `model` for `latency` cycles with the inputs as set and returns read() after the last
// edge: the output of a unit with that latency. Throws std::logic_error if read() changes before
// the last edge (the unit answered early). read() returns anything comparable with ==.
template <typename Model, typename Read>
auto RunLatency(Model& model, int latency, const Read& read) {
  const auto held = read();
  for (int cycle = 0; cycle < latency; ++cycle) {
    Settle(model);
    if (!(read() == held)) {
      throw std::logic_error("output changed " + std::to_string(cycle) +
                             " cycles after its inputs, before its latency " +
                             std::to_string(latency));
    }
    Edge(model);
  }
  return read();
}

}  // namespace qscale::rtl_test

#endif  // QSCALE_TESTS_RTL_VERILATED_PORT_H_
