// How the run is simulated (`sim:`). DESIGN.md section 3 defines the fidelity levels.
#ifndef QSCALE_SRC_CONFIG_SIM_SPEC_H_
#define QSCALE_SRC_CONFIG_SIM_SPEC_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "src/config/config_node.h"

namespace qscale::config {

// sim.fidelity. Enumerators in the order of kFidelityNames.
enum class Fidelity {
  kGolden,  // integer engine only: accuracy and memory, no cycles or energy
  kFast,    // SystemC/TLM timing model with the golden arithmetic
  kRtl,     // SystemC/TLM timing model with the verilated RTL units
};
inline constexpr std::array<std::string_view, 3> kFidelityNames = {"golden", "fast", "rtl"};
// The YAML name of `fidelity`, e.g. for reports.
inline std::string_view ToString(Fidelity fidelity) {
  return kFidelityNames[static_cast<int>(fidelity)];
}

struct SimSpec {
  Fidelity fidelity = Fidelity::kFast;
  int batch = 64;     // images per accelerator batch (the M dimension grows with it); 1..65536
  uint32_t seed = 1;  // seeds every random choice of the simulation; 0..2^32-1
};

// Reads `sim:`; an absent node gives the defaults. Throws ConfigError naming the file and line
// (see ConfigMap).
SimSpec ParseSimSpec(const ConfigNode& node);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_SIM_SPEC_H_
