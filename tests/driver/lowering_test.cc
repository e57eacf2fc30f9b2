// Lowering quantized networks onto the accelerator: column blocks, SP2 columns, buffer tiling,
// and what compression saves in DRAM traffic (scheduled without SystemC).
#include "src/driver/lowering.h"

#include <utility>
#include <variant>

#include <gtest/gtest.h>

#include "sim/schedule.h"
#include "src/config/consistency.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::driver {
namespace {

config::AcceleratorSpec Spec(int weight_kib = 64) {
  config::AcceleratorSpec spec;
  spec.sram.weight_kib = weight_kib;
  return spec;
}

// DRAM weight bits of one batch of `images` LeNet-5 images quantized with `scheme`.
int64_t WeightTraffic(config::QuantScheme scheme, const config::AcceleratorSpec& accelerator,
                      int images) {
  const config::QuantSpec spec = testing::Spec(scheme);
  const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", spec);
  const sim::HardwareConfig hw = HardwareFor(accelerator, spec, net);
  sim::DramChannel dram(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  sim::TransferQueue queue(dram);
  int64_t bits = 0;
  for (const sim::StepTiming& t : sim::ScheduleProgram(Lower(net, hw, images), 0, queue)) {
    bits += t.dram_bits[static_cast<int>(sim::Operand::kWeights)];
  }
  return bits;
}

TEST(Lowering, ThreeBitQsqMovesAboutThreeEighthsOfTheWeightBytesOfInt8) {
  // A weight buffer that holds every layer: each layer's stored weights cross once per batch.
  const config::AcceleratorSpec big = Spec(1024);
  const double ratio = static_cast<double>(WeightTraffic(config::QuantScheme::kQsq, big, 64)) /
                       static_cast<double>(WeightTraffic(config::QuantScheme::kInt8, big, 64));
  // 3/8 = 0.375 for the codes; per-filter scales and the 32-bit biases add a few percent.
  EXPECT_GT(ratio, 0.37);
  EXPECT_LT(ratio, 0.42);
}

TEST(Lowering, TheBaseMultiplierIsTheConfigsAndExactUnderMsq) {
  const std::pair<config::MultiplierKind, golden::MulKind> kinds[] = {
      {config::MultiplierKind::kExact, golden::MulKind::kExact},
      {config::MultiplierKind::kCsd, golden::MulKind::kCsd},
      {config::MultiplierKind::kSp2, golden::MulKind::kExact},
      {config::MultiplierKind::kBitserial, golden::MulKind::kBitSerial}};
  config::AcceleratorSpec accelerator;
  config::QuantSpec quant;
  for (const auto& [configured, kind] : kinds) {
    accelerator.multiplier = configured;
    quant.scheme = config::QuantScheme::kQsq;
    EXPECT_EQ(MultiplierKindOf(accelerator, quant), kind) << config::ToString(configured);
    quant.scheme = config::QuantScheme::kMsq;  // SP2 columns beside exact ones, whatever is set
    EXPECT_EQ(MultiplierKindOf(accelerator, quant), golden::MulKind::kExact)
        << config::ToString(configured);
  }
}

TEST(Lowering, MsqRowsLandInTheirColumnKinds) {
  const config::QuantSpec spec = testing::Spec(config::QuantScheme::kMsq);
  const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", spec);
  const sim::HardwareConfig hw = HardwareFor(Spec(), spec, net);
  EXPECT_EQ(hw.shape.sp2_cols, 8);
  EXPECT_EQ(hw.shape.sp2_cols, config::Sp2Columns(spec.msq.sp2_ratio, Spec().cols));
  EXPECT_EQ(hw.shape.kind, golden::MulKind::kExact);
  EXPECT_EQ(hw.shape.sp2_code_bits, 8);  // the 8-bit high-precision SP2 rows
  const sim::Program program = Lower(net, hw, 4);
  for (const sim::Step& step : program.steps) {
    const auto* work = std::get_if<sim::ArrayWork>(&step);
    if (!work) continue;
    const qnn::Layer& layer = net.ops[work->op].layer;
    int placed = 0;
    for (const std::vector<int>& block : work->columns) {
      for (int c = 0; c < 16; ++c) {
        if (block[c] < 0) continue;
        ++placed;
        EXPECT_EQ(layer.row_kind[block[c]] == qnn::RowKind::kSp2, c < 8) << work->name;
      }
    }
    EXPECT_EQ(placed, layer.rows) << work->name;
  }
}

TEST(Lowering, TilesKeepEachTilesPartialSumsWithinHalfTheOutputBuffer) {
  config::AcceleratorSpec accelerator = Spec();
  accelerator.sram.output_kib = 4;  // 16384 bits a half: 32 vectors of 16 x 32-bit sums
  const config::QuantSpec spec = testing::Spec(config::QuantScheme::kInt8);
  const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", spec);
  const sim::HardwareConfig hw = HardwareFor(accelerator, spec, net);
  const sim::Program program = Lower(net, hw, 2);
  const auto& conv1 = std::get<sim::ArrayWork>(program.steps.front());
  EXPECT_EQ(conv1.m, 2 * 784);
  EXPECT_EQ(conv1.m_tile, 32);
  EXPECT_EQ(conv1.m_tiles, 49);
  EXPECT_EQ(conv1.k_blocks, 2);  // K = 25 on 16 rows
}

}  // namespace
}  // namespace qscale::driver
