// Where energy numbers come from (`energy:`). DESIGN.md section 4.
#ifndef QSCALE_SRC_CONFIG_ENERGY_SPEC_H_
#define QSCALE_SRC_CONFIG_ENERGY_SPEC_H_

#include <array>
#include <string>
#include <string_view>

#include "src/config/config_node.h"

namespace qscale::config {

// energy.activity. Enumerators in the order of kActivityNames.
enum class Activity {
  kTable,     // energy per action straight from the technology table
  kMeasured,  // scaled by switching activity measured on the run's operands
};
inline constexpr std::array<std::string_view, 2> kActivityNames = {"table", "measured"};
// The YAML name of `activity`, e.g. for reports.
inline std::string_view ToString(Activity activity) {
  return kActivityNames[static_cast<int>(activity)];
}

struct EnergySpec {
  // Technology table (YAML), relative to the current working directory. Not checked at load:
  // the golden fidelity never reads it; the energy model calls RequireFile(config, "energy.tech").
  std::string tech = "configs/tech/45nm.yaml";
  Activity activity = Activity::kTable;
};

// Reads `energy:`; an absent node gives the defaults. Throws ConfigError naming the file and line
// (see ConfigMap).
EnergySpec ParseEnergySpec(const ConfigNode& node);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_ENERGY_SPEC_H_
