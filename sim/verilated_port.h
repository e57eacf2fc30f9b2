// Driving and reading the ports of Verilator --cc models, for the rtl backend (sim/) and the RTL
// tests (tests/rtl/). Verilator maps a port of up to 8/16/32/64 bits to CData/SData/IData/QData
// (unsigned) and a wider one to VlWide<N> (32-bit words, LSB first); a signed port arrives
// zero-extended, so every read names the field's width and sign-extends here. Plain C++: no
// SystemC, no generated header (the port types are template parameters).
#ifndef QSCALE_SIM_VERILATED_PORT_H_
#define QSCALE_SIM_VERILATED_PORT_H_

#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace qscale::sim {

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

// Writes the low `width` (1..64) bits of `value` into bits [lsb, lsb + width) of `port`; the
// port's other bits keep their values.
template <typename Port>
void SetField(Port& port, int lsb, int width, int64_t value) {
  const uint64_t bits = LowBits(value, width);
  if constexpr (std::is_integral_v<Port>) {
    const uint64_t mask = LowBits(-1, width) << lsb;
    port = static_cast<Port>((static_cast<uint64_t>(port) & ~mask) | (bits << lsb));
  } else {
    for (int b = 0; b < width;) {
      const int bit = lsb + b, word = bit / 32, offset = bit % 32;
      const int take = std::min(32 - offset, width - b);
      const uint32_t mask = static_cast<uint32_t>(LowBits(-1, take)) << offset;
      port[word] = (port[word] & ~mask) | ((static_cast<uint32_t>(bits >> b) << offset) & mask);
      b += take;
    }
  }
}

// Bits [lsb, lsb + width) (width 1..64) of `port`, unsigned.
template <typename Port>
uint64_t GetField(const Port& port, int lsb, int width) {
  if constexpr (std::is_integral_v<Port>) {
    return LowBits(static_cast<int64_t>(static_cast<uint64_t>(port) >> lsb), width);
  } else {
    uint64_t bits = 0;
    for (int b = 0; b < width;) {
      const int bit = lsb + b, word = bit / 32, offset = bit % 32;
      const int take = std::min(32 - offset, width - b);
      bits |= (uint64_t{port[word] >> offset} & LowBits(-1, take)) << b;
      b += take;
    }
    return bits;
  }
}

// Bits [lsb, lsb + width) of `port`, sign-extended.
template <typename Port>
int64_t GetSigned(const Port& port, int lsb, int width) {
  return SignExtend(GetField(port, lsb, width), width);
}

// Writes a whole port of `count` fields of `width` bits each: field i, the low `width` bits of
// values[i], at bits [i * width, (i + 1) * width). The port must be count * width bits wide.
// Packs whole 32-bit words (a port of many fields is written once per cycle).
template <typename Port, typename T>
void PackFields(Port& port, int width, int count, const T* values) {
  if constexpr (std::is_integral_v<Port>) {
    uint64_t word = 0;
    for (int i = 0; i < count; ++i) word |= LowBits(values[i], width) << (i * width);
    port = static_cast<Port>(word);
  } else if (width > 32) {
    for (int i = 0; i < count; ++i) SetField(port, i * width, width, values[i]);
  } else {
    uint64_t buffer = 0;  // at most 31 pending bits plus one field of <= 32
    int pending = 0, word = 0;
    for (int i = 0; i < count; ++i) {
      buffer |= LowBits(values[i], width) << pending;
      pending += width;
      if (pending >= 32) {
        port[word++] = static_cast<uint32_t>(buffer);
        buffer >>= 32;
        pending -= 32;
      }
    }
    if (pending > 0) port[word] = static_cast<uint32_t>(buffer);
  }
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

}  // namespace qscale::sim

#endif  // QSCALE_SIM_VERILATED_PORT_H_
