// The `rtl` fidelity's arithmetic: every array step runs on a verilated pe_array (--sc), clocked
// by the SystemC clock through the step's schedule (weights through the decoders, skewed
// activations, partial sums), and every result must leave the array in the cycle the schedule
// gives. Ops off the array (pooling, Add) use the golden engine, like the vector unit.
#ifndef QSCALE_SIM_RTL_BACKEND_H_
#define QSCALE_SIM_RTL_BACKEND_H_

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "sim/backend.h"
#include "sim/program.h"
#include "sim/vcd_trace.h"
#include "src/golden/engine.h"

namespace qscale::sim {

// The array parameterizations this build verilated for the rtl fidelity, as "ws_csd_16x16"-style
// names with their shapes.
std::vector<std::string> BuiltRtlArrays();

// The rtl backend for `hardware`. Throws std::invalid_argument when no verilated array matches
// hardware.shape (the message lists BuiltRtlArrays() and how to add one).
// `trace` (may be null, else must outlive the backend) records the array's ports.
std::unique_ptr<Backend> MakeRtlBackend(const golden::IntegerEngine& engine,
                                        const HardwareConfig& hardware, sc_core::sc_time cycle,
                                        VcdTrace* trace = nullptr);

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_BACKEND_H_
