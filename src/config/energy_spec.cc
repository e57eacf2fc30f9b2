#include "src/config/energy_spec.h"

#include "src/config/config_map.h"

namespace qscale::config {

EnergySpec ParseEnergySpec(const ConfigNode& node) {
  EnergySpec spec;
  ConfigMap map(node);
  map.Read("tech", &spec.tech);
  map.ReadEnum("activity", kActivityNames, &spec.activity);
  map.Finish();
  return spec;
}

}  // namespace qscale::config
