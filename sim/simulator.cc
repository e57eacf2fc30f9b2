#include "sim/simulator.h"

#include <cmath>
#include <stdexcept>

#include <systemc>

#include "sim/accelerator.h"
#include "sim/golden_backend.h"
#include "sim/rtl_backend.h"
#include "sim/vcd_trace.h"
#include "src/golden/engine.h"

namespace qscale::sim {
namespace {

bool g_elaborated = false;

}  // namespace

golden::Datapath DatapathOf(const HardwareConfig& hardware) {
  golden::Datapath datapath;
  datapath.multiplier = hardware.shape.kind;
  datapath.csd_quality = hardware.csd_quality;
  datapath.accumulator_bits = hardware.shape.acc_bits;
  return datapath;
}

struct Simulator::Impl {
  Impl(const qnn::Network& network, const HardwareConfig& hw, SimFidelity fidelity,
       double clock_mhz, const TraceSpec& trace_spec)
      : hardware(hw),
        engine(network, DatapathOf(hw)),
        cycle(1.0 / clock_mhz, sc_core::SC_US),
        accelerator("accelerator", hw, cycle),
        actions(CountLayerActions(network, hw)) {
    if (fidelity == SimFidelity::kRtl) {
      if (!trace_spec.path.empty()) {
        trace = std::make_unique<VcdTrace>(
            trace_spec.path, trace_spec.first, trace_spec.last,
            static_cast<int64_t>(std::llround(cycle.to_seconds() * 1e12)));
      }
      backend = MakeRtlBackend(engine, hw, trace.get());
    } else {
      if (!trace_spec.path.empty()) {
        throw std::invalid_argument(
            "--trace records the verilated array, which runs only with sim.fidelity rtl");
      }
      backend = std::make_unique<GoldenBackend>(engine);
    }
  }

  HardwareConfig hardware;
  golden::IntegerEngine engine;
  sc_core::sc_time cycle;
  Accelerator accelerator;
  std::unique_ptr<VcdTrace> trace;
  std::unique_ptr<Backend> backend;
  std::vector<LayerActions> actions;
  std::vector<StepStats> stats;
  std::vector<StepTiming> timings;
  // Every value's integers during a batch, kept between batches so that the next batch writes
  // its outputs into memory already mapped (fresh buffers of a large batch cost page faults).
  Values values;
};

Simulator::Simulator(const qnn::Network& network, const HardwareConfig& hardware,
                     SimFidelity fidelity, double clock_mhz, const TraceSpec& trace) {
  if (g_elaborated) throw std::logic_error("Simulator: SystemC elaborates once per process");
  g_elaborated = true;
  impl_ = std::make_unique<Impl>(network, hardware, fidelity, clock_mhz, trace);
}

void Simulator::FinishTrace() {
  if (impl_->trace) impl_->trace->Close();
}

Simulator::~Simulator() = default;

std::vector<int32_t> Simulator::RunBatch(const Program& program,
                                         const std::vector<int32_t>& input) {
  const qnn::Network& network = impl_->engine.network();
  Values values(network.values.size());
  values[network.input] = input;
  return RunBatch(program, std::move(values));
}

std::vector<int32_t> Simulator::RunBatch(const Program& program, Values given) {
  const qnn::Network& network = impl_->engine.network();
  Values& values = impl_->values;
  values.resize(network.values.size());
  for (size_t v = 0; v < values.size(); ++v) {
    if (v < given.size() && !given[v].empty()) {
      values[v] = std::move(given[v]);
    } else {
      values[v].clear();  // keeps its capacity
    }
  }
  impl_->timings.clear();
  impl_->accelerator.controller.Arm(program, *impl_->backend, values, impl_->timings);
  sc_core::sc_start();
  if (impl_->accelerator.controller.failure()) {
    std::rethrow_exception(impl_->accelerator.controller.failure());
  }
  if (impl_->stats.size() < program.steps.size()) impl_->stats.resize(program.steps.size());
  for (size_t i = 0; i < program.steps.size(); ++i) {
    AddStepStats(program.steps[i], impl_->timings.at(i), impl_->hardware, impl_->actions,
                 impl_->stats[i]);
  }
  return values[network.output];
}

const std::vector<StepStats>& Simulator::stats() const { return impl_->stats; }

int64_t Simulator::cycles() const { return impl_->accelerator.controller.NowCycles(); }

}  // namespace qscale::sim
