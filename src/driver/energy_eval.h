// The energy and area of a run (report.energy and each layer's energy_pj): the simulator's
// action counts priced by the cost model (src/cost), or for quant.scheme float an analytic fp32
// estimate. docs/energy.md.
#ifndef QSCALE_SRC_DRIVER_ENERGY_EVAL_H_
#define QSCALE_SRC_DRIVER_ENERGY_EVAL_H_

#include <cstdint>
#include <vector>

#include "sim/program.h"
#include "sim/stats.h"
#include "src/config/run_config.h"
#include "src/cost/hardware.h"
#include "src/golden/engine.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"
#include "src/report/run_report.h"

namespace qscale::driver {

// The cost model's view of the run's hardware: the array of `hw`, the scheme's decoder
// (qsq_decoder at quant.qsq.param_bits, nuuq_decoder at ceil(log2 levels) x grid_bits, the SP2
// decoder on msq's SP2 columns), the clock and the buffers.
cost::Hardware CostHardwareOf(const sim::HardwareConfig& hw, const config::RunConfig& config);

// The action counts of one step's statistics.
cost::Actions ActionsOf(const sim::StepStats& stats);

// What measured activity samples: the run's network, its golden engine and the input integers
// of `images` test images (IntegerEngine::QuantizeInput).
struct ActivitySample {
  const qnn::Network* network = nullptr;
  const golden::IntegerEngine* engine = nullptr;
  std::vector<int32_t> input;
  int images = 0;
};

// Prices `stats` (the simulator's per-step statistics, `total_cycles` in all) and fills
// report.energy and the energy of each layer row named like a step. Reads config.energy.tech
// and the unit costs of this build; with energy.activity measured, `sample` (required then)
// gives each array layer's multiplier its measured energy per MAC. Throws config::ConfigError
// or cost::CostError naming the file.
// `images`: the images the run simulated (the per-image figures divide by it).
void FillEnergy(const std::vector<sim::StepStats>& stats, int64_t total_cycles, int images,
                const sim::HardwareConfig& hw, const config::RunConfig& config,
                const ActivitySample* sample, report::RunReport& report);

// The fp32 estimate for quant.scheme float: every MAC an fp32 multiply and add; weights (fp32)
// from DRAM once per batch of sim.batch images and each array layer's input and output through
// DRAM at 32 bits, as the accelerator moves them; SRAM: each of those bits written and read
// once, plus each input re-read once per block of accelerator.cols output channels.
// `images`: the images the run evaluated.
void FillFloatEnergy(const config::RunConfig& config, const nn::Graph& graph, int images,
                     report::RunReport& report);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_ENERGY_EVAL_H_
