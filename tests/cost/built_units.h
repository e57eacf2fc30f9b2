// What the cost tests read: the technology table of the configs and the RTL units this build
// synthesized (build/unit_costs, target qscale_unit_costs), each loaded once per test binary.
#ifndef QSCALE_TESTS_COST_BUILT_UNITS_H_
#define QSCALE_TESTS_COST_BUILT_UNITS_H_

#include "src/config/tech_spec.h"
#include "src/cost/unit_library.h"

namespace qscale::testing {

// configs/tech/45nm.yaml.
const config::TechSpec& Tech45nm();

// The unit library of DefaultUnitCostsDir().
const cost::UnitLibrary& BuiltUnits();

}  // namespace qscale::testing

#endif  // QSCALE_TESTS_COST_BUILT_UNITS_H_
