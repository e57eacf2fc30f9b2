// The technology table of the energy and area model (`energy.tech`, configs/tech/*.yaml):
// energy per action, cell areas and the calibration anchor of the synthesized units, each figure
// with its unit and source. DESIGN.md section 4; docs/energy.md.
#ifndef QSCALE_SRC_CONFIG_TECH_SPEC_H_
#define QSCALE_SRC_CONFIG_TECH_SPEC_H_

#include <map>
#include <string>
#include <vector>

#include "src/config/config_node.h"

namespace qscale::config {

// One figure of the table, converted to the unit its field names (pJ, um^2, ...).
struct TechFigure {
  double value = 0;      // in the field's unit (see TechSpec), after conversion
  std::string unit;      // the unit as written, e.g. "nJ"
  std::string source;    // where the figure comes from, as written
  std::string location;  // "configs/tech/45nm.yaml:12"
};

// A figure at one point of a curve: an SRAM capacity or an operand width.
struct TechAnchor {
  double x = 0;           // capacity in KiB, or width in bits
  TechFigure figure;      // energy per access or per operation, pJ
};

struct TechSpec {
  std::string file;                  // the YAML file read
  std::string name;                  // e.g. "45nm"
  TechFigure node_nm;                // process node, nm
  TechFigure supply_v;               // supply voltage, V
  TechFigure dram_pj_per_bit;        // DRAM access energy per bit moved, pJ/bit
  std::vector<TechAnchor> sram_read_pj_per_bit;  // by capacity (KiB), ascending; pJ per bit read
  TechFigure sram_write_vs_read;     // write energy / read energy, ratio
  TechFigure sram_bitcell_um2;       // area of one SRAM bit cell, um^2
  TechFigure register_pj_per_bit;    // one flop written, pJ/bit
  std::vector<TechAnchor> int_add_pj;   // by operand width (bits), ascending; pJ per add
  std::vector<TechAnchor> int_mult_pj;  // by operand width (bits), ascending; pJ per multiply
  TechFigure fp32_add_pj;            // pJ per fp32 add
  TechFigure fp32_mult_pj;           // pJ per fp32 multiply
  TechFigure leakage_mw_per_mm2;     // static power per area, mW/mm^2
  // The calibration anchor: energy per operation of one synthesized RTL unit.
  std::string calibration_unit;                  // RTL module, e.g. "mul_exact"
  std::map<std::string, int> calibration_params; // its parameters, e.g. WeightWidth: 8
  TechFigure calibration_pj;                     // its energy per operation, pJ
  // Area of each Yosys internal cell kind of the generic-gate flow, um^2: NOT, BUF, NAND, NOR,
  // AND, OR, ANDNOT, ORNOT, XOR, XNOR, MUX, DFF, DFF_RESET, DFF_ENABLE (all required).
  std::map<std::string, TechFigure> cell_um2;
};

// The cell kinds `cells:` must list, in table order.
extern const std::vector<std::string> kTechCellKinds;

// Reads a technology table from the document `root` (named by root.source_name()). Every figure
// is a map {value, unit, source} (plus `bits` or `capacity_kib` where the field says); a
// missing unit or source, an unknown key, a unit the field does not accept, a non-positive value
// or an anchor list out of order throws ConfigError naming the file and line, e.g.
//   configs/tech/45nm.yaml:31: register: missing `source` (every figure needs a unit and a source)
TechSpec ParseTechSpec(const ConfigNode& root);

// LoadConfigFile(path) + ParseTechSpec.
TechSpec LoadTechSpec(const std::string& path);

// Power-law interpolation through `anchors` (x ascending, values > 0): straight lines in
// log(x)-log(value), the first or last segment extended beyond the ends; a single anchor scales
// linearly with x. Throws std::invalid_argument for an empty list or x <= 0.
double InterpolateAnchors(const std::vector<TechAnchor>& anchors, double x);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_TECH_SPEC_H_
