// The per-unit tables of `qscale tables`: every synthesized RTL unit variant of this build with
// its generic-gate and FPGA figures and energy per operation, and the CSD multiplier per quality
// with its EvoApproxLib error metrics. Every area, LUT, FF and DSP figure is read from this
// build's Yosys runs (cost::UnitLibrary); nothing is typed by hand.
#ifndef QSCALE_SRC_DRIVER_UNIT_TABLES_H_
#define QSCALE_SRC_DRIVER_UNIT_TABLES_H_

#include "src/cost/unit_costs.h"
#include "src/report/table_format.h"

namespace qscale::driver {

// One row per unit variant: cells, flops, NAND2-eq, area um^2, logic depth, LUT / FF / DSP
// (synth_xilinx) and LUT / FF / DSP with -nodsp where it was run, energy/op from size, and for
// the multipliers energy/op from gate-level activity on uniformly random operands (weight held
// for 16 activations, as in a weight-stationary PE).
report::Table UnitTable(const cost::UnitCosts& costs);

// mul_csd at WeightWidth x ActWidth 8 x 8 for quality 1..8: mean active rows over all 8-bit
// weights, energy/op (size x active-row share, and gate-level activity on random operands),
// and MAE, MAE %, WCE, MRE %, EP % over all 2^16 operand pairs from golden::MulCsd.
report::Table CsdQualityTable(const cost::UnitCosts& costs);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_UNIT_TABLES_H_
