#include "src/cost/unit_costs.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "src/cost/activity.h"
#include "src/cost/gate_netlist.h"
#include "src/golden/mul_bitserial.h"

namespace qscale::cost {
namespace {

int Param(const UnitParams& params, const char* name, int fallback) {
  const auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

double MultiplierSize(int kind, int w, int a, int sp2_code) {
  switch (kind) {
    case 1:  // csd: ceil(W/2) rows, each a shifter and an adder of W+A bits
      return ((w + 1) / 2) * double(w + a);
    case 2:  // sp2: two shifters and an adder of A + 2^m1 bits
      return 2.0 * (a + (1 << (sp2_code / 2)));
    case 3:  // bitserial: registers and one adder of W+A bits
      return 4.0 * (w + a);
    default:  // exact: W x A partial-product array
      return double(w) * a;
  }
}

}  // namespace

double SizeModel(const std::string& module, const UnitParams& p) {
  const int w = Param(p, "WeightWidth", module == "mul_csd" ? 16 : 8);
  const int a = Param(p, "ActWidth", 8);
  if (module == "mul_exact") return MultiplierSize(0, w, a, 4);
  if (module == "mul_csd") return MultiplierSize(1, w, a, 4);
  if (module == "mul_sp2") return MultiplierSize(2, w, a, Param(p, "CodeBits", 4));
  if (module == "mul_bitserial") return MultiplierSize(3, w, a, 4);
  if (module == "qsq_decoder") return Param(p, "ParamBits", 8) + 3.0;
  if (module == "nuuq_decoder") {
    return double(1 << Param(p, "IndexBits", 8)) * Param(p, "GridBits", 8);
  }
  if (module == "sp2_decoder") return Param(p, "CodeBits", 4);
  if (module == "acc_sat") return std::max(Param(p, "InWidth", 16), Param(p, "AccWidth", 32));
  if (module == "pe" || module == "pe_os") {
    return MultiplierSize(Param(p, "MulKind", 0), w, a, Param(p, "Sp2CodeBits", 4)) +
           Param(p, "AccWidth", 32) + a;
  }
  return 1;
}

bool HasTiedPorts(const UnitVariant& v) {
  return std::any_of(v.params.begin(), v.params.end(),
                     [](const auto& p) { return !p.first.empty() && p.first[0] == '@'; });
}

int CyclesPerOperation(const std::string& module, const UnitParams& params) {
  if (module != "mul_bitserial") return 1;
  const auto it = params.find("WeightWidth");
  return golden::BitSerialLatency(it == params.end() ? 8 : it->second);
}

UnitCosts::UnitCosts(const config::TechSpec& tech, const UnitLibrary& library)
    : tech_(tech), library_(library) {
  const UnitVariant& v = library.Require(tech.calibration_unit, tech.calibration_params);
  anchor_.module = v.module;
  anchor_.params = v.params;
  anchor_.variant = &v;
  anchor_.area = GenericArea(v.generic_cells, tech);
  anchor_.energy_pj = tech.calibration_pj.value;
  pj_per_um2_ = tech.calibration_pj.value / anchor_.area.um2;
}

UnitCost UnitCosts::Get(const std::string& module, const UnitParams& params) const {
  UnitCost cost;
  cost.module = module;
  cost.params = params;
  const UnitVariant* exact = library_.Find(module, params);
  if (exact != nullptr) {
    cost.variant = exact;
  } else {
    // Nearest synthesized variant by size.
    const double want = SizeModel(module, params);
    double best = std::numeric_limits<double>::max();
    for (const UnitVariant* v : library_.Of(module)) {
      if (HasTiedPorts(*v)) continue;  // another circuit: ports tied to constants
      const double d = std::fabs(std::log(SizeModel(module, v->params) / want));
      if (d < best) {
        best = d;
        cost.variant = v;
      }
    }
    if (cost.variant == nullptr) library_.Require(module, params);  // throws
    cost.estimated = true;
    cost.scale = want / SizeModel(module, cost.variant->params);
  }
  cost.area = GenericArea(cost.variant->generic_cells, tech_);
  cost.area.um2 *= cost.scale;
  cost.area.nand2_eq *= cost.scale;
  cost.cycles_per_op = CyclesPerOperation(module, params);
  cost.energy_pj = pj_per_um2_ * cost.area.um2 * cost.cycles_per_op;
  return cost;
}

double UnitCosts::pj_per_toggled_um2() const {
  if (pj_per_toggled_um2_ == 0) {
    GateNetlist netlist = Netlist(*anchor_.variant);
    const int w = netlist.PortWidth("weight_i");
    const int a = netlist.PortWidth("act_i");
    const double toggled = ToggledAreaPerMultiply(netlist, golden::MulKind::kExact,
                                                  RandomStreams(4096, 1, w, a));
    if (!(toggled > 0)) {
      throw CostError(fmt::format("{}: the calibration anchor does not switch on random operands",
                                  anchor_.variant->netlist_file));
    }
    pj_per_toggled_um2_ = tech_.calibration_pj.value / toggled;
  }
  return pj_per_toggled_um2_;
}

GateNetlist UnitCosts::Netlist(const UnitVariant& variant) const {
  auto it = netlists_.find(variant.netlist_file);
  if (it == netlists_.end()) {
    it = netlists_.emplace(variant.netlist_file, GateNetlist::Load(variant.netlist_file, tech_))
             .first;
  }
  return it->second;
}

}  // namespace qscale::cost
