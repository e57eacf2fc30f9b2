// What the accelerator did in one step (an op of the network), summed over the batches of a
// run: the cycle split of StepTiming, traffic by operand and buffer, and action counts by unit
// kind (what the energy model prices). Plain C++.
#ifndef QSCALE_SIM_STATS_H_
#define QSCALE_SIM_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/program.h"
#include "sim/schedule.h"
#include "src/qnn/network.h"

namespace qscale::sim {

struct StepStats {
  std::string name;
  bool array = false;        // a Conv/Dense on the array, else the vector unit
  int64_t cycles = 0;
  int64_t compute_cycles = 0;
  int64_t fill_drain_cycles = 0;
  int64_t weight_load_cycles = 0;
  int64_t stall_cycles = 0;
  int64_t macs = 0;          // useful multiply-accumulates
  int64_t pe_slots = 0;      // cycles x rows x cols: utilization = macs / pe_slots
  int64_t folds = 0;         // folds (ws) or tiles (os)
  int64_t dram_bits[3] = {0, 0, 0};        // by Operand
  int64_t sram_read_bits[3] = {0, 0, 0};   // weight, input, output buffer
  int64_t sram_write_bits[3] = {0, 0, 0};
  int64_t decodes = 0;            // weights through the decoder bank
  int64_t multiplier_macs = 0;    // MACs on the base multiplier's columns
  int64_t sp2_macs = 0;           // MACs on SP2 columns
  int64_t csd_active_rows = 0;    // partial-product rows switched by csd MACs
  int64_t requantizations = 0;    // outputs through the requantizer
  int64_t vector_elements = 0;    // elements through the vector unit
};

// Per-layer constants the action counts need, computed once per network: for each op, the sum
// over its weights of CsdActiveRows(w, quality) (csd multiplier rows only) and the number of
// weights on SP2 rows.
struct LayerActions {
  int64_t csd_rows_per_vector = 0;
  int64_t sp2_weights = 0;
};
std::vector<LayerActions> CountLayerActions(const qnn::Network& network,
                                            const HardwareConfig& hardware);

// The stats of one step run with `timing`, added to `into` (which names itself on first use).
void AddStepStats(const Step& step, const StepTiming& timing, const HardwareConfig& hardware,
                  const std::vector<LayerActions>& actions, StepStats& into);

}  // namespace qscale::sim

#endif  // QSCALE_SIM_STATS_H_
