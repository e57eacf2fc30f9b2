#include "src/driver/unit_tables.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "src/cost/activity.h"
#include "src/cost/error_metrics.h"
#include "src/cost/gate_netlist.h"
#include "src/cost/hardware.h"
#include "src/golden/mul_csd.h"

namespace qscale::driver {
namespace {

std::string Params(const cost::UnitParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", name, value);
  }
  return out;
}

int ParamOr(const cost::UnitParams& params, const char* name, int fallback) {
  const auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

// Gate-level energy per multiply on random operands held like a WS PE holds them, pJ.
double ActivityPj(const cost::UnitCosts& costs, const cost::UnitVariant& v, golden::MulKind kind,
                  int quality) {
  cost::GateNetlist netlist = costs.Netlist(v);
  const int act = netlist.PortWidth("act_i");
  const int weight = kind == golden::MulKind::kSp2 ? ParamOr(v.params, "CodeBits", 4)
                                                   : netlist.PortWidth("weight_i");
  const auto streams = cost::RandomStreams(256, 16, weight, act);
  return cost::ToggledAreaPerMultiply(netlist, kind, streams, quality,
                                      ParamOr(v.params, "CodeBits", 4)) *
         costs.pj_per_toggled_um2();
}

std::string Count(int64_t n) { return fmt::format("{}", n); }

}  // namespace

report::Table UnitTable(const cost::UnitCosts& costs) {
  report::Table t;
  t.name = "units";
  t.title = fmt::format("RTL units synthesized by this build ({}; {})", costs.tech().name,
                        costs.tech().file);
  t.columns = {"unit",       "parameters",   "cells",        "flops",
               "NAND2-eq",   "area (µm²)",   "depth (gates)", "LUT",
               "FF",         "DSP",          "LUT (-nodsp)", "DSP (-nodsp)",
               "E/op size (pJ)", "E/op activity (pJ)"};
  for (const cost::UnitVariant& v : costs.library().variants()) {
    const cost::UnitCost c = costs.Get(v.module, v.params);
    const cost::FpgaCount fpga = cost::FpgaOf(v.xilinx_cells);
    const cost::FpgaCount nodsp = cost::FpgaOf(v.xilinx_nodsp_cells);
    std::string activity = "-";
    const std::optional<golden::MulKind> kind = cost::MultiplierKindOfModule(v.module);
    if (kind && !cost::HasTiedPorts(v)) {
      activity = fmt::format("{:.4f}", ActivityPj(costs, v, *kind, golden::kCsdMaxQuality));
    }
    t.rows.push_back({v.module, Params(v.params), Count(c.area.cells), Count(c.area.flops),
                      fmt::format("{:.1f}", c.area.nand2_eq), fmt::format("{:.1f}", c.area.um2),
                      Count(v.logic_depth), v.has_xilinx ? Count(fpga.luts) : "-",
                      v.has_xilinx ? Count(fpga.ffs) : "-", v.has_xilinx ? Count(fpga.dsps) : "-",
                      v.has_nodsp ? Count(nodsp.luts) : "-", v.has_nodsp ? Count(nodsp.dsps) : "-",
                      fmt::format("{:.4f}", c.energy_pj), activity});
  }
  const cost::UnitCost& anchor = costs.anchor();
  t.notes = {
      "Generic gates: yosys synth -flatten; abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX; cell areas and "
      "NAND2 from the technology table (NanGate45 X1 cells); depth: ltp -noff.",
      "FPGA: synth_xilinx -flatten -noiopad (7-series); LUT counts include INV; -nodsp: "
      "synth_xilinx -nodsp.",
      fmt::format("E/op size = {:g} pJ x area / area of {} ({:.1f} µm²), the calibration "
                  "anchor ({}); x WeightWidth cycles per multiply for mul_bitserial.",
                  costs.tech().calibration_pj.value, cost::Describe(anchor.module, anchor.params),
                  anchor.area.um2, costs.tech().calibration_pj.source),
      "E/op activity: zero-delay gate-level simulation of the netlist on uniformly random "
      "operands (weight held for 16 activations; csd at quality 8), toggled cell area x the "
      "anchor's pJ per toggled µm² on random operands."};
  return t;
}

report::Table CsdQualityTable(const cost::UnitCosts& costs) {
  const cost::UnitParams params = {{"WeightWidth", 8}, {"ActWidth", 8}};
  const cost::UnitCost unit = costs.Get("mul_csd", params);
  const int rows = (8 + 1) / 2;
  report::Table t;
  t.name = "csd_quality";
  t.title = "Quality-scalable CSD multiplier (mul_csd 8x8) by quality";
  t.columns = {"quality",          "active rows (mean)", "E/op size (pJ)", "E/op activity (pJ)",
               "built for q: area (µm²)", "built for q: E/op size (pJ)",
               "MAE (LSB)",        "MAE (%)",            "WCE (LSB)",      "WCE (%)",
               "MRE (%)",          "EP (%)"};
  for (int q = golden::kCsdMinQuality; q <= golden::kCsdMaxQuality; ++q) {
    int64_t active = 0;
    for (int w = -128; w < 128; ++w) active += golden::CsdActiveRows(w, q, 8);
    const double mean_rows = static_cast<double>(active) / 256.0;
    const cost::ErrorMetrics m = cost::CsdErrorMetrics(q, 8, 8);
    // The unit synthesized with quality_i tied to q (rows beyond q removed); q >= rows: all.
    cost::UnitParams tied = params;
    tied["@quality_i"] = std::min(q, rows);
    const cost::UnitVariant* built = costs.library().Find("mul_csd", tied);
    const double built_um2 = built ? cost::GenericArea(built->generic_cells, costs.tech()).um2 : 0;
    t.rows.push_back({Count(q), fmt::format("{:.3f}", mean_rows),
                      fmt::format("{:.4f}", unit.energy_pj * mean_rows / rows),
                      fmt::format("{:.4f}", ActivityPj(costs, *unit.variant,
                                                       golden::MulKind::kCsd, q)),
                      built ? fmt::format("{:.1f}", built_um2) : "-",
                      built ? fmt::format("{:.4f}", costs.pj_per_um2() * built_um2) : "-",
                      fmt::format("{:.2f}", m.mae), fmt::format("{:.4f}", m.mae_percent),
                      Count(m.wce), fmt::format("{:.3f}", m.wce_percent),
                      fmt::format("{:.3f}", m.mre_percent), fmt::format("{:.2f}", m.ep_percent)});
  }
  t.notes = {
      "The run-time quality-scalable unit (quality_i a port) has one area whatever the quality: " +
          fmt::format("{:.1f} µm², {:.1f} NAND2-eq.", unit.area.um2, unit.area.nand2_eq),
      "Built for q: the same RTL synthesized with quality_i tied to q (scripts/synth_unit.sh "
      "@quality_i), so the rows it never uses are removed: the area a fixed-quality design "
      "pays; E/op size from that area.",
      "E/op size: the unit's size-based energy x mean active rows / rows (gated rows do not "
      "switch), uniform 8-bit weights.",
      "Error metrics (EvoApproxLib definitions) over all 2^16 signed 8x8 operand pairs from "
      "golden::MulCsd; % of the 2^16 output range; MRE relative to max(1, |exact|); EP = share "
      "of inexact products."};
  return t;
}

}  // namespace qscale::driver
