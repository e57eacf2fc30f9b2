// The accelerator model end to end (own sc_main; each TEST elaborates its own design in its own
// process): fast gives every logit of the golden engine; rtl gives the same logits with the
// verilated arrays, in exactly the cycles the SystemC-free schedule predicts; compressed weights
// travel at their stored width.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/schedule.h"
#include "sim/simulator.h"
#include "src/driver/lowering.h"
#include "src/golden/engine.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::sim {
namespace {

struct SimRun {
  std::vector<int32_t> golden;
  std::vector<int32_t> simulated;
  int64_t cycles = 0;
  int64_t predicted_cycles = 0;
  int64_t dram_weight_bits = 0;
};

config::AcceleratorSpec Accelerator(config::MultiplierKind multiplier, bool os = false) {
  config::AcceleratorSpec spec;
  spec.multiplier = multiplier;
  spec.dataflow = os ? config::Dataflow::kOs : config::Dataflow::kWs;
  return spec;
}

// Quantizes `model` with `scheme`, runs `images` test images on the accelerator at `fidelity` in
// batches of `batch`, and runs the golden engine and the plain scheduler beside it.
SimRun Simulate(const std::string& model, config::QuantScheme scheme,
             const config::AcceleratorSpec& accelerator, SimFidelity fidelity, int images,
             int batch) {
  const config::QuantSpec spec = testing::Spec(scheme);
  const qnn::Network net = testing::QuantizeModel(model, spec);
  const HardwareConfig hw = driver::HardwareFor(accelerator, spec, net);
  const golden::IntegerEngine engine(net, DatapathOf(hw));
  const driver::LabelledImages test = testing::TestImages(images);
  const std::vector<int32_t> input = engine.QuantizeInput(test.pixels.data(), images);

  SimRun run;
  run.golden = engine.Run(input.data(), images);
  Simulator simulator(net, hw, fidelity, accelerator.clock_mhz);
  DramChannel dram(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  TransferQueue queue(dram);
  const int64_t image_size = qnn::NumElements(net.values[net.input].shape);
  for (int first = 0; first < images; first += batch) {
    const int n = std::min(batch, images - first);
    const Program program = driver::Lower(net, hw, n);
    const std::vector<int32_t> batch_input(input.begin() + first * image_size,
                                           input.begin() + (first + n) * image_size);
    const std::vector<int32_t> out = simulator.RunBatch(program, batch_input);
    run.simulated.insert(run.simulated.end(), out.begin(), out.end());
    const std::vector<StepTiming> timings = ScheduleProgram(program, run.predicted_cycles, queue);
    run.predicted_cycles = timings.back().end;
  }
  run.cycles = simulator.cycles();
  for (const StepStats& s : simulator.stats()) run.dram_weight_bits += s.dram_bits[0];
  return run;
}

TEST(Accelerator, FastGivesEveryLogitOfTheGoldenEngineOnLenet) {
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kQsq,
                           Accelerator(config::MultiplierKind::kCsd), SimFidelity::kFast, 150, 64);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, FastGivesEveryLogitOfTheGoldenEngineOnResnetOutputStationary) {
  const SimRun run = Simulate("resnet8_fmnist", config::QuantScheme::kNuuq,
                           Accelerator(config::MultiplierKind::kBitserial, true),
                           SimFidelity::kFast, 40, 32);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlWeightStationaryMatchesGoldenLogitsInThePredictedCycles) {
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kInt8,
                           Accelerator(config::MultiplierKind::kExact), SimFidelity::kRtl, 20, 8);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlMixedSp2ColumnsMatchGoldenLogitsInThePredictedCycles) {
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kMsq,
                           Accelerator(config::MultiplierKind::kExact), SimFidelity::kRtl, 12, 6);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlOutputStationaryMatchesGoldenLogitsInThePredictedCycles) {
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kQsq,
                           Accelerator(config::MultiplierKind::kExact, true), SimFidelity::kRtl,
                           8, 4);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlCsdArrayDecodesQsqCodesToGoldenLogitsInThePredictedCycles) {
  config::AcceleratorSpec spec = Accelerator(config::MultiplierKind::kCsd);
  spec.csd_quality = 3;
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kQsq, spec, SimFidelity::kRtl,
                              8, 4);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlCsdArrayReloadsNuuqTablesPerColumnBlockInThePredictedCycles) {
  config::AcceleratorSpec spec = Accelerator(config::MultiplierKind::kCsd);
  spec.csd_quality = 2;
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kNuuq, spec, SimFidelity::kRtl,
                              6, 3);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlOutputStationaryReloadsNuuqTablesInThePredictedCycles) {
  const SimRun run = Simulate("lenet5_fmnist", config::QuantScheme::kNuuq,
                              Accelerator(config::MultiplierKind::kExact, true), SimFidelity::kRtl,
                              4, 4);
  EXPECT_EQ(run.simulated, run.golden);
  EXPECT_EQ(run.cycles, run.predicted_cycles);
}

TEST(Accelerator, RtlRejectsAnArrayThisBuildDidNotVerilate) {
  config::AcceleratorSpec spec = Accelerator(config::MultiplierKind::kExact);
  spec.rows = 8;
  try {
    Simulate("lenet5_fmnist", config::QuantScheme::kInt8, spec, SimFidelity::kRtl, 2, 2);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("ws_exact_16x16"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("QSCALE_SIM_ARRAYS"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace qscale::sim
