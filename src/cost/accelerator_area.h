// Area of the accelerator by component: the PE array (multipliers, accumulators and the rest of
// each PE, from the synthesized units), the decoder bank and the SRAM buffers (bit cells).
#ifndef QSCALE_SRC_COST_ACCELERATOR_AREA_H_
#define QSCALE_SRC_COST_ACCELERATOR_AREA_H_

#include <string>
#include <utility>
#include <vector>

#include "src/cost/hardware.h"
#include "src/cost/unit_costs.h"

namespace qscale::cost {

// um^2 by component.
struct AcceleratorArea {
  double multipliers = 0;   // rows x cols multipliers (base and SP2 columns)
  double accumulators = 0;  // rows x cols acc_sat
  double pe_other = 0;      // the rest of each synthesized PE (weight / activation registers,
                            // valid pipeline): pe - multiplier - accumulator, >= 0
  double decoders = 0;      // cols decoders
  double sram = 0;          // buffer bit cells (no periphery)
  double logic() const { return multipliers + accumulators + pe_other + decoders; }
  double total() const { return logic() + sram; }
  // (name, um^2) in the order above.
  std::vector<std::pair<std::string, double>> Components() const;
};

AcceleratorArea AreaOf(const UnitCosts& costs, const Hardware& hw);

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_ACCELERATOR_AREA_H_
