// Energy of a run: sum over actions of count x energy per action (DESIGN.md section 4). DRAM,
// SRAM, register and requantizer / vector-unit energies come from the technology table; the
// multipliers, decoders and accumulators from their synthesized size, calibrated to the table's
// one anchor, or with `energy.activity: measured` from their switching on the run's operands
// (activity.h). Leakage is the table's power density over the accelerator's area for the run's
// cycles. docs/energy.md has the formulas and a worked example.
#ifndef QSCALE_SRC_COST_ENERGY_MODEL_H_
#define QSCALE_SRC_COST_ENERGY_MODEL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/cost/accelerator_area.h"
#include "src/cost/activity.h"
#include "src/cost/hardware.h"
#include "src/cost/unit_costs.h"

namespace qscale::cost {

// Energy by component, pJ.
struct EnergyBreakdown {
  double dram = 0;         // off-chip traffic
  double sram = 0;         // buffer reads and writes
  double decoder = 0;      // weight decoders
  double multiplier = 0;   // PE multipliers (base and SP2)
  double accumulator = 0;  // PE saturating add + partial-sum register
  double registers = 0;    // PE activation pipeline and weight registers
  double requantizer = 0;  // output requantization
  double vector = 0;       // vector unit (pooling, Add)
  double leakage = 0;      // static energy over the cycles
  double total() const;
  // (name, pJ) in the order above, names as in the JSON report ("dram", "sram", ...).
  std::vector<std::pair<std::string, double>> Components() const;
  EnergyBreakdown& operator+=(const EnergyBreakdown& other);
};

// Energy per action of `hw`, pJ.
struct ActionEnergies {
  double dram_bit = 0;
  double sram_read_bit[3] = {0, 0, 0};   // by buffer (capacity-dependent)
  double sram_write_bit[3] = {0, 0, 0};
  double register_bit = 0;
  double multiplier = 0;       // per MAC on a base-multiplier column (csd: all rows active)
  int csd_rows = 0;            // csd: partial-product rows of the unit, ceil(W/2)
  double sp2_multiplier = 0;   // per MAC on an SP2 column
  double decoder = 0;          // per decode (qsq / nuuq)
  double sp2_decoder = 0;      // per decode on SP2 columns (msq)
  double accumulator = 0;      // per MAC
  double requantizer = 0;      // per output: integer multiply + add at the accumulator width
  double vector_element = 0;   // per element: an add at the activation width
  double leakage_pj_per_cycle = 0;
};

class EnergyModel {
 public:
  // Resolves every unit of `hw` (UnitCosts::Get) and the table's per-action energies.
  EnergyModel(const UnitCosts& costs, const Hardware& hw);

  const ActionEnergies& energies() const { return energies_; }
  const AcceleratorArea& area() const { return area_; }
  // Units whose parameterization was estimated from another (UnitCost::estimated), described.
  const std::vector<std::string>& estimated_units() const { return estimated_; }

  // The energy of `actions`. With `measured_multiplier_pj` (pJ per MAC on base-multiplier
  // columns, from MeasureMultiplierPj) it replaces the size-based figure and the csd row scaling.
  EnergyBreakdown Price(const Actions& actions,
                        std::optional<double> measured_multiplier_pj = std::nullopt) const;

  // pJ per MAC of the base multiplier on `streams` (the layer's operands): its netlist's toggled
  // area per multiply x UnitCosts::pj_per_toggled_um2, scaled like the area when the unit's
  // parameterization was estimated.
  double MeasureMultiplierPj(const std::vector<OperandStream>& streams) const;

 private:
  const UnitCosts& costs_;
  Hardware hw_;
  ActionEnergies energies_;
  AcceleratorArea area_;
  UnitCost multiplier_;
  std::vector<std::string> estimated_;
};

// The analytic estimate for quant.scheme float (no accelerator run): `macs` fp32 multiplies
// and adds, `dram_bits` and `sram_bits` of fp32 traffic (the caller's dataflow estimate), and
// no leakage (no cycle count). pJ.
EnergyBreakdown Fp32Estimate(const config::TechSpec& tech, int64_t macs, int64_t dram_bits,
                             int64_t sram_bits, double sram_capacity_kib);

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_ENERGY_MODEL_H_
