// One `qscale run`: import the network, evaluate the float reference, quantize with the
// configured scheme, run the quantized network at the configured fidelity over the test images,
// and gather everything the report shows.
#ifndef QSCALE_SRC_DRIVER_RUN_JOB_H_
#define QSCALE_SRC_DRIVER_RUN_JOB_H_

#include <string>

#include "sim/program.h"
#include "sim/simulator.h"
#include "src/config/run_config.h"
#include "src/driver/progress.h"
#include "src/golden/pe_product.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"
#include "src/report/run_report.h"

namespace qscale::driver {

// The integer datapath `config` describes: accelerator.multiplier (with quant.scheme msq the
// non-SP2 columns are exact, whatever it says), csd_quality and accumulator_bits.
golden::Datapath DatapathOf(const config::RunConfig& config);

// "csd (quality 3), 32-bit accumulator"-style text of a datapath, for reports.
std::string DescribeDatapath(const golden::Datapath& datapath);

// The report's accelerator figures (report.accelerator and each layer row whose name matches a
// step) from `simulator`'s statistics.
void FillAccelerator(const sim::Simulator& simulator, const sim::HardwareConfig& hardware,
                     const config::RunConfig& config, const golden::Datapath& datapath,
                     report::RunReport& report);

// Draws the training images the scheme of `config` needs (calibration, and fixed's validation
// split) and quantizes `graph`, its steps reported to `progress`. Throws like RunJob.
qnn::Network QuantizeFor(const config::RunConfig& config, const nn::Graph& graph,
                         ProgressSink& progress);

// The report's header fields (config file, network, scheme, fidelity, the flattened config).
report::RunReport NewReport(const config::RunConfig& config, const std::string& config_file);

// The simulator fidelity of sim.fidelity fast or rtl.
sim::SimFidelity SimFidelityOf(config::Fidelity fidelity);

// Runs the job `config` describes (read from `config_file`, named in the report). Throws
// config::ConfigError, nn::ModelError, nn::DataError or std::runtime_error with a message that
// names the file and what to do.
// `trace` (--trace) needs sim.fidelity rtl.
report::RunReport RunJob(const config::RunConfig& config, const std::string& config_file,
                         ProgressSink& progress, const sim::TraceSpec& trace = {});

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_RUN_JOB_H_
