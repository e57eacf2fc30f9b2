#include "sim/rtl_backend.h"

#include <stdexcept>

namespace qscale::sim {

std::vector<std::string> BuiltRtlArrays() { return {}; }

std::unique_ptr<Backend> MakeRtlBackend(const golden::IntegerEngine& /*engine*/,
                                        const HardwareConfig& /*hardware*/,
                                        sc_core::sc_time /*cycle*/) {
  throw std::invalid_argument("sim.fidelity rtl: no verilated array in this build yet");
}

}  // namespace qscale::sim
