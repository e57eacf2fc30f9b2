// The RTL units as this build synthesized them: what scripts/synth_unit.sh wrote into the unit
// costs directory (cmake/QscaleSynth.cmake), one file per unit variant. Nothing here is typed by
// hand: every count is Yosys' (generic-gate cell counts, logic depth, Xilinx LUT/FF/DSP).
#ifndef QSCALE_SRC_COST_UNIT_LIBRARY_H_
#define QSCALE_SRC_COST_UNIT_LIBRARY_H_

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace qscale::cost {

// A unit costs file or directory is missing or malformed. The message names the file.
class CostError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CellCounts = std::map<std::string, int64_t>;  // Yosys cell type -> count
using UnitParams = std::map<std::string, int>;      // RTL parameter -> value

// One synthesized parameterization of an RTL module.
struct UnitVariant {
  std::string module;        // e.g. "mul_csd"
  std::string variant;       // e.g. "mul_csd.w8a8"
  UnitParams params;         // the overridden parameters (others at their RTL defaults)
  CellCounts generic_cells;  // synth -flatten; abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX
  int logic_depth = 0;       // ltp -noff: gates on the longest combinational path
  bool has_xilinx = false;   // the FPGA flow was run
  CellCounts xilinx_cells;   // synth_xilinx -flatten -noiopad
  bool has_nodsp = false;    // synth_xilinx -nodsp was run
  CellCounts xilinx_nodsp_cells;
  std::string file;          // the .unit.json read
  std::string netlist_file;  // the generic-gate netlist (yosys write_json)
};

// "mul_csd(WeightWidth=8, ActWidth=8)".
std::string Describe(const std::string& module, const UnitParams& params);

class UnitLibrary {
 public:
  // Reads every *.unit.json of `dir`. Throws CostError when `dir` holds none ("... run the
  // build: ninja -C build qscale_unit_costs") or a file is malformed (naming it).
  static UnitLibrary Load(const std::string& dir);
  // Reads one .unit.json file.
  static UnitVariant ReadVariant(const std::string& path);

  // Variants in module, then variant name order.
  const std::vector<UnitVariant>& variants() const { return variants_; }
  // The variant of `module` whose params equal `params` on every key `params` names and that
  // names no other key; nullptr if there is none.
  const UnitVariant* Find(const std::string& module, const UnitParams& params) const;
  // Find, else throws CostError naming the missing parameterization and the variants there are.
  const UnitVariant& Require(const std::string& module, const UnitParams& params) const;
  // The variants of `module`.
  std::vector<const UnitVariant*> Of(const std::string& module) const;

 private:
  std::string dir_;
  std::vector<UnitVariant> variants_;
};

// The unit costs directory of this build: $QSCALE_UNIT_COSTS_DIR if set, else the build's
// <build>/unit_costs (compiled in).
std::string DefaultUnitCostsDir();

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_UNIT_LIBRARY_H_
