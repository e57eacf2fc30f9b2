#include "tests/cost/built_units.h"

namespace qscale::testing {

const config::TechSpec& Tech45nm() {
  static const config::TechSpec tech =
      config::LoadTechSpec(QSCALE_SOURCE_DIR "/configs/tech/45nm.yaml");
  return tech;
}

const cost::UnitLibrary& BuiltUnits() {
  static const cost::UnitLibrary library = cost::UnitLibrary::Load(cost::DefaultUnitCostsDir());
  return library;
}

}  // namespace qscale::testing
