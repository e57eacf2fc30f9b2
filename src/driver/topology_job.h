// A `qscale run` whose network is a SCALE-Sim topology CSV (nn/topology_csv.h): every layer, with
// seeded random weights and inputs, quantized with the configured scheme and run on the
// accelerator. Cycles, stalls, traffic and utilization; no accuracy (the weights are random).
//
// Choices (docs/timing.md, "Topologies"): the layers are independent, each reading its own
// random input from DRAM and writing its output back; one batch of min(dataset.images,
// sim.batch) images runs; calibration uses min(calibration.images, 4) random inputs per layer and
// nearest rounding (compensation against random data means nothing, and its cost grows with
// K^2). The schemes that need accuracy (fixed) or no accelerator (float), and measured energy
// activity (random operands say nothing), are refused with a message that says why. The golden
// fidelity runs the layers on the integer engine alone: its speed, no cycles or energy.
#ifndef QSCALE_SRC_DRIVER_TOPOLOGY_JOB_H_
#define QSCALE_SRC_DRIVER_TOPOLOGY_JOB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/simulator.h"
#include "src/config/run_config.h"
#include "src/driver/progress.h"
#include "src/golden/engine.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"
#include "src/report/run_report.h"

namespace qscale::driver {

// A topology's layers, quantized and merged into one network, with their seeded random inputs.
struct TopologyWorkload {
  std::vector<nn::Graph> graphs;  // one float graph per CSV layer, in order
  qnn::Network network;           // the quantized layers, merged (one op per layer)
  // Integer values by network value index: the network input's and every host value's are set
  // (images x elements each), the rest empty.
  std::vector<std::vector<int32_t>> values;
  int images = 0;              // images per batch: TopologyBatchImages
  int64_t macs_per_image = 0;  // MACs of all layers for one image
};

// The images of a topology's one batch: min(dataset.images, sim.batch).
int TopologyBatchImages(const config::RunConfig& config);

// Reads, quantizes and seeds the topology of `config` (steps reported to `progress`). Throws
// like RunJob; refuses the schemes float and fixed, naming the YAML line of quant.scheme.
TopologyWorkload BuildTopologyWorkload(const config::RunConfig& config, ProgressSink& progress);

// Runs every layer of `work` on `engine` (built from work.network) over `values`, which holds
// the inputs as in TopologyWorkload::values; each op's output value is written.
void RunTopologyOnEngine(const TopologyWorkload& work, const golden::IntegerEngine& engine,
                         std::vector<std::vector<int32_t>>& values);

// Runs the topology job `config` describes; throws like RunJob.
report::RunReport RunTopologyJob(const config::RunConfig& config, const std::string& config_file,
                                 ProgressSink& progress, const sim::TraceSpec& trace = {});

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_TOPOLOGY_JOB_H_
