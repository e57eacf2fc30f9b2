// The accelerator model behind a plain C++ face (no SystemC in this header), for the driver:
// elaborates the SystemC design once, then runs batch after batch, each a lowered Program, and
// keeps per-step statistics across batches. SystemC elaborates once per process, so a process has
// at most one Simulator.
#ifndef QSCALE_SIM_SIMULATOR_H_
#define QSCALE_SIM_SIMULATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/program.h"
#include "sim/stats.h"
#include "src/golden/pe_product.h"
#include "src/qnn/network.h"

namespace qscale::sim {

// sim.fidelity for the accelerator (golden runs no accelerator at all).
enum class SimFidelity {
  kFast,  // golden arithmetic in bulk per step, time advanced per step
  kRtl,   // the verilated accel_core (decoder bank + array) clocked through every array step
};

// `qscale run --trace`: a VCD of the verilated array's ports over cycles first..last.
struct TraceSpec {
  std::string path;  // empty: no trace
  int64_t first = 0;
  int64_t last = 9999;
};

// The golden engine's datapath for `hardware` (its base multiplier, CSD quality and accumulator):
// what the simulator's engine computes with.
golden::Datapath DatapathOf(const HardwareConfig& hardware);

class Simulator {
 public:
  // Elaborates the accelerator for `network` on `hardware` at `clock_mhz`. Throws
  // std::invalid_argument for rtl when no verilated array of hardware.shape was built (the message
  // lists the ones that were and how to add one), std::logic_error on a second Simulator.
  // A `trace` needs the rtl fidelity (std::invalid_argument otherwise).
  Simulator(const qnn::Network& network, const HardwareConfig& hardware, SimFidelity fidelity,
            double clock_mhz, const TraceSpec& trace = {});
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Runs one batch: `program` (Lower(network, hardware, images)), `input` the quantized images
  // (images x input size). Returns the output integers (images x classes) and adds the batch's
  // steps to stats(). Throws what the batch threw.
  std::vector<int32_t> RunBatch(const Program& program, const std::vector<int32_t>& input);

  // As RunBatch, with every host-written value given: `values` indexed by value id, holding the
  // input's and every network.host_values entry's integers for the batch (others are ignored).
  std::vector<int32_t> RunBatch(const Program& program, std::vector<std::vector<int32_t>> values);

  // Per step (in program order), summed over the batches run so far.
  const std::vector<StepStats>& stats() const;
  // Simulated cycles of all batches so far.
  int64_t cycles() const;
  // Completes the trace file (renamed into place); a no-op without a trace. Without it the
  // partial trace is removed when the Simulator goes.
  void FinishTrace();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_SIMULATOR_H_
