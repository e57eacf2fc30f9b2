#include "src/cost/unit_area.h"

#include <fmt/format.h>

namespace qscale::cost {

std::string CellKind(const std::string& yosys_type, bool* enable, bool* flop) {
  *enable = false;
  *flop = false;
  // Gates: "$_NAND_" -> "NAND".
  static const char* kGates[] = {"NOT", "BUF", "NAND", "NOR", "AND", "OR", "ANDNOT", "ORNOT",
                                 "XOR", "XNOR", "MUX"};
  for (const char* gate : kGates) {
    if (yosys_type == fmt::format("$_{}_", gate)) return gate;
  }
  // Flops: $_DFF_<C>_ / $_DFF_<C><R><V>_ / $_DFFE_<C><E>_ / $_DFFE_<C><R><V><E>_, and the
  // synchronous-reset and set/reset forms.
  const auto starts = [&](const char* prefix) { return yosys_type.rfind(prefix, 0) == 0; };
  if (starts("$_DFF_") || starts("$_DFFE_") || starts("$_SDFF") || starts("$_DFFSR")) {
    *flop = true;
    const size_t open = yosys_type.find('_', 2);
    const std::string kind = yosys_type.substr(2, open - 2);
    const std::string flags = yosys_type.substr(open + 1, yosys_type.size() - open - 2);
    const bool has_enable = kind == "DFFE" || kind == "SDFFE" || kind == "SDFFCE" ||
                            kind == "DFFSRE";
    *enable = has_enable;
    const size_t control = flags.size() - (has_enable ? 1 : 0);  // C [R V] or C S R
    return control > 1 ? "DFF_RESET" : "DFF";
  }
  throw CostError(fmt::format("cell type {} is not priced by the technology table (the generic "
                              "flow maps to gates and flops; a latch or memory means the RTL "
                              "needs fixing)",
                              yosys_type));
}

double CellAreaUm2(const std::string& yosys_type, const config::TechSpec& tech) {
  bool enable = false, flop = false;
  const std::string kind = CellKind(yosys_type, &enable, &flop);
  double um2 = tech.cell_um2.at(kind).value;
  if (enable) um2 += tech.cell_um2.at("DFF_ENABLE").value;
  return um2;
}

GateArea GenericArea(const CellCounts& cells, const config::TechSpec& tech) {
  GateArea area;
  for (const auto& [type, count] : cells) {
    bool enable = false, flop = false;
    CellKind(type, &enable, &flop);
    area.cells += count;
    if (flop) area.flops += count;
    area.um2 += CellAreaUm2(type, tech) * static_cast<double>(count);
  }
  area.nand2_eq = area.um2 / tech.cell_um2.at("NAND").value;
  return area;
}

FpgaCount FpgaOf(const CellCounts& cells) {
  FpgaCount count;
  for (const auto& [type, n] : cells) {
    if ((type.rfind("LUT", 0) == 0 && type.size() == 4) || type == "INV") {
      count.luts += n;
    } else if (type == "FDRE" || type == "FDSE" || type == "FDCE" || type == "FDPE") {
      count.ffs += n;
    } else if (type.rfind("DSP48", 0) == 0) {
      count.dsps += n;
    } else if (type == "CARRY4") {
      count.carry += n;
    } else if (type == "MUXF7" || type == "MUXF8") {
      count.muxf += n;
    }
  }
  return count;
}

}  // namespace qscale::cost
