// The `rtl` fidelity's arithmetic: every array step runs on a verilated compute core (--cc model
// of rtl/core/accel_core.sv or accel_core_os.sv, the decoder bank feeding the PE array), clocked
// cycle by cycle through the step's schedule: the layer's stored codes, QSQ parameters and NUUQ
// tables go through the verilated decoders one cycle before the load port, activations enter
// skewed, partial sums flow; every result must leave the array in the cycle the schedule gives.
// The backend is temporally decoupled (TLM-2.0 loosely timed): called at the step's first cycle,
// it clocks the core through all of the step's cycles at once and the controller then waits
// until the step's end. Nothing else reaches the array during a step (the schedule owns the
// buffers' traffic), so the integers and cycles are those of a lockstep run. Ops off the array
// (pooling, Add) use the golden engine, like the vector unit.
#ifndef QSCALE_SIM_RTL_BACKEND_H_
#define QSCALE_SIM_RTL_BACKEND_H_

#include <memory>
#include <string>
#include <vector>

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
                                        const HardwareConfig& hardware, VcdTrace* trace = nullptr);

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_BACKEND_H_
