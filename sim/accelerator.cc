#include "sim/accelerator.h"

namespace qscale::sim {

Accelerator::Accelerator(sc_core::sc_module_name name, const HardwareConfig& hardware,
                         sc_core::sc_time cycle)
    : sc_module(name),
      dram("dram", hardware.dram_bytes_per_cycle, hardware.dram_latency_cycles, cycle),
      weight_buffer("weight_buffer", hardware.weight_buffer_bits),
      input_buffer("input_buffer", hardware.input_buffer_bits),
      output_buffer("output_buffer", hardware.output_buffer_bits),
      dma("dma"),
      controller("controller", cycle) {
  controller.dma.bind(dma.socket);
  dma.dram.bind(dram.socket);
  dma.buffer[static_cast<int>(Operand::kWeights)].bind(weight_buffer.socket);
  dma.buffer[static_cast<int>(Operand::kInputs)].bind(input_buffer.socket);
  dma.buffer[static_cast<int>(Operand::kOutputs)].bind(output_buffer.socket);
}

}  // namespace qscale::sim
