// The fold/tile scheduler against the cycle formulas of docs/timing.md: compute-bound layers of
// several shapes on both dataflows (K and N not multiples of the array), stalls that grow as DRAM
// bandwidth falls, and the bit-serial multiplier's cost. And the step statistics' buffer traffic,
// summed in closed form from the work, against a fold-by-fold sum over the schedule's own fold and
// tile list (what each fold reads and writes, docs/energy.md).
#include "sim/schedule.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "sim/stats.h"
#include "src/golden/array_config.h"

namespace qscale::sim {
namespace {

HardwareConfig Hardware(int rows, int cols, bool os, golden::MulKind kind = golden::MulKind::kExact,
                        int weight_bits = 8, double bytes_per_cycle = 1e12, int latency = 0) {
  HardwareConfig hw;
  hw.shape.rows = rows;
  hw.shape.cols = cols;
  hw.shape.kind = kind;
  hw.shape.weight_bits = weight_bits;
  hw.output_stationary = os;
  hw.dram_bytes_per_cycle = bytes_per_cycle;
  hw.dram_latency_cycles = latency;
  hw.weight_buffer_bits = hw.input_buffer_bits = hw.output_buffer_bits = int64_t{1} << 40;
  hw.vector_lanes = cols;
  return hw;
}

// A GEMM of m x k x n on `hw`, weights resident, one M tile.
ArrayWork Gemm(const HardwareConfig& hw, int64_t m, int k, int n) {
  ArrayWork w;
  w.name = "gemm";
  w.m = m;
  w.k = k;
  w.n = n;
  const int cols = hw.shape.cols;
  for (int b = 0; b * cols < n; ++b) {
    std::vector<int> columns(cols, -1);
    for (int c = 0; c < cols && b * cols + c < n; ++c) columns[c] = b * cols + c;
    w.columns.push_back(columns);
  }
  w.k_blocks = hw.output_stationary ? 1 : (k + hw.shape.rows - 1) / hw.shape.rows;
  w.m_tile = m;
  w.m_tiles = 1;
  w.weight_bits = int64_t{k} * n * 8;
  w.weights_resident = true;
  w.input_bits = m * k * 8;
  w.output_bits = m * n * 8;
  return w;
}

StepTiming Schedule(const ArrayWork& w, const HardwareConfig& hw) {
  DramChannel dram(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  TransferQueue queue(dram);
  return ScheduleArray(w, hw, 0, queue);
}

struct Shape {
  int rows, cols;
  int64_t m;
  int k, n;
};

// docs/timing.md, weight stationary, compute bound: the weights and the inputs arrive two cycles
// after the layer starts (two transfers of one cycle each on the one DRAM channel), the first
// fold's activations two cycles later (decoder, load port); then F = ceil(N/C) x ceil(K/R) folds back to back every P = max((M-1) II + max(C, II),
// R) cycles; the last result leaves (M-1) II + R + C - 1 + L cycles after the last fold's first
// activation, is requantized (2 cycles) and written back (1 cycle after the request, 1 cycle of
// transfer).
int64_t WsFormula(const Shape& s, int64_t ii, int64_t latency) {
  const int64_t folds = ((s.n + s.cols - 1) / s.cols) * ((s.k + s.rows - 1) / s.rows);
  const int64_t period = std::max((s.m - 1) * ii + std::max<int64_t>(s.cols, ii), int64_t{s.rows});
  const int64_t first = 2 + 2;
  const int64_t last_first = first + (folds - 1) * period;
  const int64_t last_output = last_first + (s.m - 1) * ii + s.rows + s.cols - 1 + latency;
  return last_output + 2 + 1 + 1;
}

// docs/timing.md, output stationary, compute bound: tiles of R output rows x C columns, K steps;
// tile t shifts in from S_t (S_0 = 2, the data's arrival) and steps from T_t = S_t + R; the next
// shift starts at D_t = T_t + (K-1) II + R + C + L. The last tile is drained by a final shift from
// D_last, its last result leaving at D_last + R - 1; then requantization and write-back as above.
int64_t OsFormula(const Shape& s, int64_t ii, int64_t latency) {
  const int64_t tiles = ((s.n + s.cols - 1) / s.cols) * ((s.m + s.rows - 1) / s.rows);
  const int64_t tile = s.rows + (s.k - 1) * ii + s.rows + s.cols + latency;
  const int64_t drain = 2 + tiles * tile;
  return drain + s.rows - 1 + 2 + 1 + 1;
}

const Shape kShapes[] = {
    {16, 16, 784, 25, 6},     // LeNet conv1-like: K < R, N < C
    {16, 16, 100, 150, 16},   // K not a multiple of R
    {16, 16, 64, 400, 120},   // N not a multiple of C, many folds
    {8, 8, 37, 19, 11},       // odd sizes everywhere
    {4, 6, 3, 17, 13},        // M below the array: weight load dominates the period
    {32, 32, 49, 576, 64},    // a ResNet block
    {16, 16, 1, 84, 10},      // one vector
};

TEST(Schedule, WeightStationaryComputeBoundLayersFollowTheFormula) {
  for (const Shape& s : kShapes) {
    const HardwareConfig hw = Hardware(s.rows, s.cols, false);
    const StepTiming t = Schedule(Gemm(hw, s.m, s.k, s.n), hw);
    EXPECT_EQ(t.end - t.start, WsFormula(s, 1, 1))
        << s.rows << "x" << s.cols << " M=" << s.m << " K=" << s.k << " N=" << s.n;
    EXPECT_EQ(t.stall, 2) << "only the first two transfers' cycles";
    EXPECT_EQ(t.compute, ((s.n + s.cols - 1) / s.cols) * ((s.k + s.rows - 1) / s.rows) * s.m);
  }
}

TEST(Schedule, OutputStationaryComputeBoundLayersFollowTheFormula) {
  for (const Shape& s : kShapes) {
    const HardwareConfig hw = Hardware(s.rows, s.cols, true);
    const StepTiming t = Schedule(Gemm(hw, s.m, s.k, s.n), hw);
    EXPECT_EQ(t.end - t.start, OsFormula(s, 1, 1))
        << s.rows << "x" << s.cols << " M=" << s.m << " K=" << s.k << " N=" << s.n;
    EXPECT_EQ(t.stall, 2);
  }
}

TEST(Schedule, BitSerialStepsTakeWeightBitsCycles) {
  const Shape s{16, 16, 784, 150, 16};
  for (int bits : {4, 8}) {
    const HardwareConfig hw = Hardware(16, 16, false, golden::MulKind::kBitSerial, bits);
    const StepTiming t = Schedule(Gemm(hw, s.m, s.k, s.n), hw);
    EXPECT_EQ(t.end - t.start, WsFormula(s, bits, bits)) << bits;
    const StepTiming exact = Schedule(Gemm(Hardware(16, 16, false), s.m, s.k, s.n),
                                      Hardware(16, 16, false));
    // Compute-bound: about `bits` times the cycles of the parallel multiplier.
    const double ratio = static_cast<double>(t.end - t.start) / (exact.end - exact.start);
    EXPECT_NEAR(ratio, bits, 0.05 * bits);
  }
}

TEST(Schedule, StallsRiseAsDramBandwidthFalls) {
  for (bool os : {false, true}) {
    int64_t previous_stall = -1, previous_cycles = -1;
    for (double bpc : {64.0, 16.0, 4.0, 1.0, 0.25}) {
      HardwareConfig hw = Hardware(16, 16, os, golden::MulKind::kExact, 8, bpc, 100);
      hw.weight_buffer_bits = 16 * 1024 * 8;  // weights stream fold by fold
      ArrayWork w = Gemm(hw, 256, 576, 64);
      w.weights_resident = false;
      w.m_tile = 64;
      w.m_tiles = 4;
      const StepTiming t = Schedule(w, hw);
      EXPECT_GE(t.stall, previous_stall) << "bandwidth " << bpc << (os ? " os" : " ws");
      EXPECT_GE(t.end - t.start, previous_cycles);
      EXPECT_EQ(t.end - t.start, t.compute + t.fill_drain + t.weight_load + t.stall);
      previous_stall = t.stall;
      previous_cycles = t.end - t.start;
    }
    EXPECT_GT(previous_stall, 10 * previous_cycles / 100) << "DRAM-bound at 0.25 B/cycle";
  }
}

TEST(Schedule, TransfersAreServedInTimeOrderWhateverThePushOrder) {
  DramChannel dram(1, 0);
  TransferQueue queue(dram);
  const int late = queue.Push({Operand::kOutputs, true, 80, 100});
  const int early = queue.Push({Operand::kWeights, false, 80, 10});
  EXPECT_EQ(queue.Completion(early), 20);  // 10 bytes at 1 byte/cycle
  EXPECT_EQ(queue.Completion(late), 110);
  EXPECT_THROW(queue.Push({Operand::kInputs, false, 8, 50}), std::logic_error);
}

// Gemm() cut into M tiles of `m_tile` vectors, weights streamed fold by fold, widths that make
// the per-fold shares round.
ArrayWork TiledGemm(const HardwareConfig& hw, int64_t m, int k, int n, int64_t m_tile) {
  ArrayWork w = Gemm(hw, m, k, n);
  w.op = 0;
  w.m_tile = m_tile;
  w.m_tiles = static_cast<int>((m + m_tile - 1) / m_tile);
  w.weight_bits = int64_t{k} * n * 7;
  w.weights_resident = false;
  w.input_act_bits = 6;
  w.input_bits = m * k * 6;
  return w;
}

TEST(StepStats, BufferTrafficEqualsTheSumOverTheScheduledFolds) {
  for (bool os : {false, true}) {
    for (const auto& [rows, cols, m, k, n, m_tile] :
         std::vector<std::tuple<int, int, int64_t, int, int, int64_t>>{{8, 8, 100, 147, 64, 37},
                                                                       {4, 6, 23, 9, 13, 23},
                                                                       {16, 16, 50, 300, 40, 7},
                                                                       {8, 8, 64, 20, 10, 32}}) {
      const HardwareConfig hw = Hardware(rows, cols, os, golden::MulKind::kExact, 8, 16, 10);
      const ArrayWork w = TiledGemm(hw, m, k, n, m_tile);
      DramChannel dram(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
      TransferQueue queue(dram);
      const StepTiming t = ScheduleArray(w, hw, 0, queue, /*keep_blocks=*/true);
      StepStats stats;
      AddStepStats(w, t, hw, std::vector<LayerActions>(1), stats);

      StepStats folds;  // fold by fold
      const int64_t total_weights = int64_t{w.n} * w.k;
      for (const BlockTiming& b : t.blocks) {
        const int64_t used = UsedColumns(w.columns[b.block]);
        const int64_t k_rows = os ? w.k : std::min<int64_t>(rows, w.k - int64_t{b.k_block} * rows);
        folds.sram_read_bits[0] += ShareBits(w.weight_bits, used * k_rows, total_weights);
        folds.sram_read_bits[1] += b.vectors * k_rows * w.input_act_bits;
        folds.decodes += used * k_rows;
        if (!os) {
          folds.sram_write_bits[2] += b.vectors * used * hw.shape.acc_bits;
          if (b.k_block > 0) folds.sram_read_bits[2] += b.vectors * used * hw.shape.acc_bits;
        }
        ++folds.folds;
      }
      SCOPED_TRACE(::testing::Message() << (os ? "os " : "ws ") << rows << "x" << cols << ", m "
                                        << m << ", k " << k << ", n " << n << ", tile " << m_tile);
      EXPECT_EQ(stats.folds, folds.folds);
      EXPECT_EQ(stats.decodes, folds.decodes);
      EXPECT_EQ(stats.sram_read_bits[0], folds.sram_read_bits[0]);
      EXPECT_EQ(stats.sram_read_bits[1], folds.sram_read_bits[1]);
      // The output buffer also takes the final activations and feeds the writeback DMA.
      EXPECT_EQ(stats.sram_write_bits[2] - w.output_bits, folds.sram_write_bits[2]);
      EXPECT_EQ(stats.sram_read_bits[2] - t.dram_bits[2], folds.sram_read_bits[2]);
    }
  }
}

TEST(StepStats, FoldTimingsAreKeptOnlyWhenAsked) {
  const HardwareConfig hw = Hardware(8, 8, false, golden::MulKind::kExact, 8, 16, 10);
  const ArrayWork w = TiledGemm(hw, 100, 147, 64, 37);
  DramChannel dram_a(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  TransferQueue queue_a(dram_a);
  const StepTiming kept = ScheduleArray(w, hw, 0, queue_a, /*keep_blocks=*/true);
  DramChannel dram_b(hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  TransferQueue queue_b(dram_b);
  const StepTiming bare = ScheduleArray(w, hw, 0, queue_b, /*keep_blocks=*/false);
  EXPECT_EQ(kept.blocks.size(), size_t{3} * 8 * 19);  // m tiles x column blocks x k blocks
  EXPECT_TRUE(bare.blocks.empty());
  EXPECT_EQ(bare.end, kept.end);
  EXPECT_EQ(bare.stall, kept.stall);
  EXPECT_EQ(bare.dram_bits[0], kept.dram_bits[0]);
}

}  // namespace
}  // namespace qscale::sim
