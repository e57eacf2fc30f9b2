// Area of a synthesized unit: the generic-gate flow priced with the technology table's cell
// areas (NAND2-equivalents and um^2), and the Xilinx flow's LUT / FF / DSP counts.
#ifndef QSCALE_SRC_COST_UNIT_AREA_H_
#define QSCALE_SRC_COST_UNIT_AREA_H_

#include <cstdint>
#include <string>

#include "src/config/tech_spec.h"
#include "src/cost/unit_library.h"

namespace qscale::cost {

struct GateArea {
  int64_t cells = 0;      // generic cells (gates and flops)
  int64_t flops = 0;      // of which flip-flops (bits of state)
  double um2 = 0;         // sum of cell areas, um^2
  double nand2_eq = 0;    // um2 / area of a NAND2, NAND2-equivalents
};

// The technology table's cell kind ("NAND", "DFF_RESET", ...) pricing one Yosys internal cell
// type; a flop type maps to its flop kind and sets *enable when it has an enable (priced as an
// extra DFF_ENABLE mux). Throws CostError for a type the generic flow should not produce
// (e.g. a latch), naming it.
std::string CellKind(const std::string& yosys_type, bool* enable, bool* flop);

// Area of `cells` (generic-gate flow counts) with the table's cell areas.
GateArea GenericArea(const CellCounts& cells, const config::TechSpec& tech);

// Area of one cell of `yosys_type`, um^2 (flop enables included).
double CellAreaUm2(const std::string& yosys_type, const config::TechSpec& tech);

struct FpgaCount {
  int64_t luts = 0;   // LUT1..LUT6, plus INV (a LUT1 after implementation)
  int64_t ffs = 0;    // FDRE, FDSE, FDCE, FDPE
  int64_t dsps = 0;   // DSP48E1
  int64_t carry = 0;  // CARRY4
  int64_t muxf = 0;   // MUXF7, MUXF8
};

// LUT / FF / DSP counts of a synth_xilinx cell list.
FpgaCount FpgaOf(const CellCounts& cells);

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_UNIT_AREA_H_
