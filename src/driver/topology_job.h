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

#include <string>

#include "sim/simulator.h"
#include "src/config/run_config.h"
#include "src/driver/progress.h"
#include "src/report/run_report.h"

namespace qscale::driver {

// Runs the topology job `config` describes; throws like RunJob.
report::RunReport RunTopologyJob(const config::RunConfig& config, const std::string& config_file,
                                 ProgressSink& progress, const sim::TraceSpec& trace = {});

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_TOPOLOGY_JOB_H_
