#include "src/config/sim_spec.h"

#include "src/config/config_map.h"

namespace qscale::config {

SimSpec ParseSimSpec(const ConfigNode& node) {
  SimSpec spec;
  ConfigMap map(node);
  map.ReadEnum("fidelity", kFidelityNames, &spec.fidelity);
  map.Read("batch", IntRange{1, 65536}, &spec.batch);
  map.Read("seed", IntRange{0, UINT32_MAX}, &spec.seed);
  map.Finish();
  return spec;
}

}  // namespace qscale::config
