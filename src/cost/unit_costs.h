// Area and energy per operation of one RTL unit at one parameterization, from this build's Yosys
// runs (unit_library.h) and the technology table. A parameterization the build did not
// synthesize is estimated from the nearest synthesized one of the same module, scaled by a size
// model of the module (SizeModel), and marked as estimated.
#ifndef QSCALE_SRC_COST_UNIT_COSTS_H_
#define QSCALE_SRC_COST_UNIT_COSTS_H_

#include <map>
#include <string>

#include "src/config/tech_spec.h"
#include "src/cost/gate_netlist.h"
#include "src/cost/unit_area.h"
#include "src/cost/unit_library.h"

namespace qscale::cost {

// Relative size of `module` at `params` (e.g. WeightWidth x ActWidth for mul_exact): what scales
// a synthesized variant's area to an unsynthesized parameterization. docs/energy.md lists them.
double SizeModel(const std::string& module, const UnitParams& params);

struct UnitCost {
  std::string module;
  UnitParams params;
  const UnitVariant* variant = nullptr;  // the synthesized variant used
  bool estimated = false;                // params differ from the variant's: area scaled
  double scale = 1;                      // SizeModel(params) / SizeModel(variant params)
  GateArea area;                         // generic-gate area (scaled when estimated)
  int cycles_per_op = 1;                 // clocked cycles one operation keeps the unit busy
  double energy_pj = 0;                  // per operation, size-based (calibrated), pJ
};

// True when `v` was synthesized with input ports tied to constants (params "@port": value,
// scripts/synth_unit.sh), e.g. mul_csd built for one quality.
bool HasTiedPorts(const UnitVariant& v);

// Cycles one operation of `module` switches the unit: WeightWidth for mul_bitserial (one weight
// bit per cycle, golden::BitSerialLatency), else 1.
int CyclesPerOperation(const std::string& module, const UnitParams& params);

class UnitCosts {
 public:
  // Resolves the calibration anchor (tech.calibration_unit at tech.calibration_params, which must
  // have been synthesized: CostError otherwise).
  UnitCosts(const config::TechSpec& tech, const UnitLibrary& library);

  // Area and size-based energy per operation of `module` at `params`:
  //   energy_pj = calibration energy x area(unit) / area(anchor) x CyclesPerOperation
  // (areas in um^2: a multi-cycle unit switches over every cycle of its operation).
  UnitCost Get(const std::string& module, const UnitParams& params) const;

  // pJ per um^2 of synthesized area (calibration energy / anchor area): the factor of the
  // size-based energies (Get).
  double pj_per_um2() const { return pj_per_um2_; }
  // Calibration energy / toggled area per multiply of the anchor on uniformly random operands
  // (both changing every multiply), pJ/um^2: the factor of measured activity. Computed on first
  // use (a gate-level simulation of the anchor's netlist).
  double pj_per_toggled_um2() const;

  // The gate netlist of `variant` (a variant of library()), read from its netlist_file on first
  // use and kept, so that each file is parsed once however often it is simulated: the copy
  // returned, as GateNetlist::Load leaves it (every flop at 0), is the caller's to drive. Throws
  // CostError as GateNetlist::Load. Not thread-safe (nor is pj_per_toggled_um2).
  GateNetlist Netlist(const UnitVariant& variant) const;

  const config::TechSpec& tech() const { return tech_; }
  const UnitLibrary& library() const { return library_; }
  const UnitCost& anchor() const { return anchor_; }

 private:
  const config::TechSpec& tech_;
  const UnitLibrary& library_;
  UnitCost anchor_;
  double pj_per_um2_ = 0;
  mutable double pj_per_toggled_um2_ = 0;
  mutable std::map<std::string, GateNetlist> netlists_;  // by netlist file
};

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_UNIT_COSTS_H_
