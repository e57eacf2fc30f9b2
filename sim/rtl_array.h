// One verilated PE array (rtl/pe/pe_array.sv or pe_array_os.sv, Verilator --sc) as the rtl
// backend drives it: a cycle's inputs in, the cycle's outputs out. The implementation
// (rtl_array_impl.h) owns the verilated module and the signals to its ports; this header stays
// free of the generated ones.
#ifndef QSCALE_SIM_RTL_ARRAY_H_
#define QSCALE_SIM_RTL_ARRAY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "src/golden/array_config.h"

namespace qscale::sim {

// What the array's input ports carry in one cycle. Per row: act_*; per column: words, psum_*.
struct ArrayInputs {
  int quality = 8;
  bool wload = false;          // ws: load row `wload_row` with `words`
  int wload_row = 0;
  std::vector<uint32_t> words;  // ws: wdata_i; os: w_i (the column's weight word stream)
  std::vector<bool> act_valid;
  std::vector<int64_t> act;
  std::vector<bool> psum_valid;  // ws only
  std::vector<int64_t> psum;     // ws: psum_i; os: the initial values entering during a shift
  bool shift = false;            // os: shift_i
};

// What the array's output ports show during a cycle.
struct ArrayOutputs {
  std::vector<bool> valid;      // psum_valid_o
  std::vector<int64_t> value;   // psum_o, sign-extended
};

class RtlArray {
 public:
  virtual ~RtlArray() = default;
  // The module's parameters.
  virtual const golden::ArrayShape& shape() const = 0;
  virtual bool output_stationary() const = 0;
  // Writes the ports for the coming edge.
  virtual void Drive(const ArrayInputs& inputs) = 0;
  // Reads the registered outputs.
  virtual void Sample(ArrayOutputs& outputs) const = 0;
  // A trace of the module's signals into `vcd` (sc_trace).
  virtual void Trace(sc_core::sc_trace_file* vcd) const = 0;
};

// A verilated array this build can make: its name ("ws_csd_16x16"), parameters and factory (the
// module is bound to `clock`, reset by the factory's caller).
struct RtlArrayVariant {
  std::string name;
  bool output_stationary = false;
  golden::ArrayShape shape;
  std::function<std::unique_ptr<RtlArray>(sc_core::sc_signal<bool>& clock,
                                          sc_core::sc_signal<bool>& reset_n)>
      make;
};

// Every variant compiled into this binary (sim/CMakeLists.txt, QSCALE_SIM_ARRAYS).
const std::vector<RtlArrayVariant>& RtlArrayVariants();

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_ARRAY_H_
