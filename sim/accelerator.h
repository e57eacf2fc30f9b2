// The accelerator's top module: it only wires. Controller -> Dma -> {Dram, weight, input and
// output buffers} (DESIGN.md section 2). The array is the backend's: the golden engine in
// `fast`, the verilated pe_array in `rtl` (sim/rtl_backend.h).
#ifndef QSCALE_SIM_ACCELERATOR_H_
#define QSCALE_SIM_ACCELERATOR_H_

#include <systemc>

#include "sim/controller.h"
#include "sim/memory.h"
#include "sim/program.h"

namespace qscale::sim {

class Accelerator : public sc_core::sc_module {
 public:
  Dram dram;
  SramBuffer weight_buffer;
  SramBuffer input_buffer;
  SramBuffer output_buffer;
  Dma dma;
  Controller controller;

  // `cycle`: the clock period.
  Accelerator(sc_core::sc_module_name name, const HardwareConfig& hardware,
              sc_core::sc_time cycle);
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_ACCELERATOR_H_
