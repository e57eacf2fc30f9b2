#include "src/config/tech_spec.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "src/config/config_map.h"

namespace qscale::config {

const std::vector<std::string> kTechCellKinds = {
    "NOT", "BUF", "NAND", "NOR", "AND", "OR", "ANDNOT", "ORNOT", "XOR", "XNOR", "MUX",
    "DFF", "DFF_RESET", "DFF_ENABLE"};

namespace {

constexpr RealRange kPositive = {0, std::numeric_limits<double>::max(), true};

// A unit a field accepts, and the factor to the field's unit.
struct UnitFactor {
  const char* unit;
  double factor;
};
using Units = std::vector<UnitFactor>;

const Units kEnergy = {{"pJ", 1}, {"fJ", 1e-3}, {"nJ", 1e3}};
const Units kEnergyPerBit = {{"pJ/bit", 1}, {"fJ/bit", 1e-3}, {"nJ/bit", 1e3}};
const Units kArea = {{"um^2", 1}, {"µm²", 1}, {"um2", 1}};
const Units kPowerDensity = {{"mW/mm^2", 1}, {"nW/um^2", 1}, {"uW/um^2", 1e3}};
const Units kNanometres = {{"nm", 1}};
const Units kVolts = {{"V", 1}};
const Units kRatio = {{"ratio", 1}};

std::string UnitList(const Units& units) {
  std::string out;
  for (const UnitFactor& u : units) out += (out.empty() ? "" : ", ") + std::string(u.unit);
  return out;
}

// Reads `value`, `unit` and `source` of an entry whose map reader is `map`; the other keys of
// the entry are the caller's. `bits`: the figure is per `bits`-bit access (divide by it).
TechFigure ReadFigure(ConfigMap& map, const ConfigNode& node, const Units& units) {
  if (!node.IsMap()) {
    node.Fail(fmt::format("expected a map {{value, unit, source}} (got {})", node.Describe()));
  }
  TechFigure figure;
  figure.location = node.Location();
  for (const char* key : {"value", "unit", "source"}) {
    if (!map.Get(key).IsPresent()) {
      node.Fail(fmt::format("missing `{}` (every figure needs a value, a unit and a source)",
                            key));
    }
  }
  map.Read("value", kPositive, &figure.value);
  map.Read("unit", &figure.unit);
  map.Read("source", &figure.source);
  const auto it = std::find_if(units.begin(), units.end(),
                               [&](const UnitFactor& u) { return figure.unit == u.unit; });
  if (it == units.end()) {
    map.Get("unit").Fail(fmt::format("unit \"{}\" is not accepted here (use one of {})",
                                     figure.unit, UnitList(units)));
  }
  figure.value *= it->factor;
  return figure;
}

TechFigure Figure(const ConfigNode& node, const Units& units) {
  ConfigMap map(node);
  TechFigure figure = ReadFigure(map, node, units);
  map.Finish();
  return figure;
}

// An energy per access of `bits` bits (key `bits`, default 1) as pJ per bit; or a figure
// already written per bit.
TechFigure PerBitFigure(const ConfigNode& node, ConfigMap& map) {
  if (node.IsMap() && node.Child("unit").IsScalar() &&
      node.Child("unit").Scalar().find("/bit") != std::string::npos) {
    return ReadFigure(map, node, kEnergyPerBit);
  }
  TechFigure figure = ReadFigure(map, node, kEnergy);
  int bits = 0;
  if (!map.Get("bits").IsPresent()) {
    node.Fail("missing `bits` (an energy in pJ is per access of `bits` bits; or write the unit "
              "as pJ/bit)");
  }
  map.Read("bits", IntRange{1, 4096}, &bits);
  figure.value /= bits;
  return figure;
}

// A list of anchors keyed by `x_key` (capacity_kib or bits), strictly ascending.
std::vector<TechAnchor> Anchors(const ConfigNode& node, const char* x_key, bool per_bit) {
  if (!node.IsSequence() || node.size() == 0) {
    node.Fail(fmt::format("expected a list of {{{}, value, unit, source}} entries (got {})",
                          x_key, node.Describe()));
  }
  std::vector<TechAnchor> anchors;
  for (size_t i = 0; i < node.size(); ++i) {
    const ConfigNode entry = node.Element(i);
    ConfigMap map(entry);
    TechAnchor anchor;
    if (!map.Get(x_key).IsPresent()) entry.Fail(fmt::format("missing `{}`", x_key));
    map.Read(x_key, kPositive, &anchor.x);
    anchor.figure = per_bit ? PerBitFigure(entry, map) : ReadFigure(map, entry, kEnergy);
    map.Finish();
    if (!anchors.empty() && anchor.x <= anchors.back().x) {
      entry.Fail(fmt::format("{} must be ascending (got {} after {})", x_key, anchor.x,
                             anchors.back().x));
    }
    anchors.push_back(std::move(anchor));
  }
  return anchors;
}

ConfigNode Required(ConfigMap& map, const ConfigNode& parent, const char* key) {
  ConfigNode node = map.Get(key);
  if (!node.IsPresent()) {
    parent.Fail(fmt::format("missing `{}` (see configs/tech/45nm.yaml for every entry)", key));
  }
  return node;
}

}  // namespace

TechSpec ParseTechSpec(const ConfigNode& root) {
  TechSpec spec;
  spec.file = root.source_name();
  ConfigMap map(root);
  map.Read("name", &spec.name);
  spec.node_nm = Figure(Required(map, root, "node"), kNanometres);
  spec.supply_v = Figure(Required(map, root, "supply"), kVolts);

  const ConfigNode dram = Required(map, root, "dram");
  ConfigMap dram_map(dram);
  const ConfigNode access = Required(dram_map, dram, "access");
  ConfigMap access_map(access);
  spec.dram_pj_per_bit = PerBitFigure(access, access_map);
  access_map.Finish();
  dram_map.Finish();

  const ConfigNode sram = Required(map, root, "sram");
  ConfigMap sram_map(sram);
  spec.sram_read_pj_per_bit = Anchors(Required(sram_map, sram, "read"), "capacity_kib", true);
  spec.sram_write_vs_read = Figure(Required(sram_map, sram, "write_vs_read"), kRatio);
  spec.sram_bitcell_um2 = Figure(Required(sram_map, sram, "bitcell_area"), kArea);
  sram_map.Finish();

  {
    const ConfigNode reg = Required(map, root, "register");
    ConfigMap reg_map(reg);
    spec.register_pj_per_bit = ReadFigure(reg_map, reg, kEnergyPerBit);
    reg_map.Finish();
  }
  spec.int_add_pj = Anchors(Required(map, root, "int_add"), "bits", false);
  spec.int_mult_pj = Anchors(Required(map, root, "int_mult"), "bits", false);
  spec.fp32_add_pj = Figure(Required(map, root, "fp32_add"), kEnergy);
  spec.fp32_mult_pj = Figure(Required(map, root, "fp32_mult"), kEnergy);
  spec.leakage_mw_per_mm2 = Figure(Required(map, root, "leakage"), kPowerDensity);

  const ConfigNode calibration = Required(map, root, "calibration");
  ConfigMap cal_map(calibration);
  if (!cal_map.Get("unit").IsPresent()) calibration.Fail("missing `unit` (an RTL module name)");
  cal_map.Read("unit", &spec.calibration_unit);
  const ConfigNode params = cal_map.Get("params");
  ConfigMap params_map(params);
  for (const auto& [key, value] : params.Entries()) {
    int parsed = 0;
    params_map.Read(key, IntRange{0, 1 << 20}, &parsed);
    spec.calibration_params[key] = parsed;
  }
  params_map.Finish();
  spec.calibration_pj = Figure(Required(cal_map, calibration, "energy"), kEnergy);
  cal_map.Finish();

  const ConfigNode cells = Required(map, root, "cells");
  ConfigMap cells_map(cells);
  for (const std::string& kind : kTechCellKinds) {
    spec.cell_um2[kind] = Figure(Required(cells_map, cells, kind.c_str()), kArea);
  }
  cells_map.Finish();
  map.Finish();
  return spec;
}

TechSpec LoadTechSpec(const std::string& path) { return ParseTechSpec(LoadConfigFile(path)); }

double InterpolateAnchors(const std::vector<TechAnchor>& anchors, double x) {
  if (anchors.empty()) throw std::invalid_argument("InterpolateAnchors: no anchors");
  if (!(x > 0)) throw std::invalid_argument(fmt::format("InterpolateAnchors: x = {} <= 0", x));
  if (anchors.size() == 1) return anchors[0].figure.value * x / anchors[0].x;
  size_t i = 0;
  while (i + 2 < anchors.size() && x > anchors[i + 1].x) ++i;
  const TechAnchor& a = anchors[i];
  const TechAnchor& b = anchors[i + 1];
  const double slope = std::log(b.figure.value / a.figure.value) / std::log(b.x / a.x);
  return a.figure.value * std::pow(x / a.x, slope);
}

}  // namespace qscale::config
