// Reading and driving the ports of Verilator --cc models from the RTL tests: the port access the
// rtl backend uses (sim/verilated_port.h), plus whole-cycle and latency helpers of the tests.
#ifndef QSCALE_TESTS_RTL_VERILATED_PORT_H_
#define QSCALE_TESTS_RTL_VERILATED_PORT_H_

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/verilated_port.h"

namespace qscale::rtl_test {

using sim::Edge;
using sim::GetField;
using sim::GetSigned;
using sim::LowBits;
using sim::Reset;
using sim::SetField;
using sim::Settle;
using sim::SignExtend;

// Settle then Edge: one whole cycle with the inputs as set.
template <typename Model>
void Tick(Model& model) {
  Settle(model);
  Edge(model);
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
