// The step statistics' buffer traffic and decode counts, summed in closed form from the work,
// against a fold-by-fold sum over the schedule's own fold and tile list (what each fold reads and
// writes, docs/energy.md): both dataflows, K, N and M multiples of the array and the M tile or not.
#include "sim/stats.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "sim/schedule.h"

namespace qscale::sim {
namespace {

HardwareConfig Hardware(int rows, int cols, bool os) {
  HardwareConfig hw;
  hw.shape.rows = rows;
  hw.shape.cols = cols;
  hw.shape.kind = golden::MulKind::kExact;
  hw.shape.weight_bits = 8;
  hw.shape.acc_bits = 32;
  hw.output_stationary = os;
  hw.dram_bytes_per_cycle = 16;
  hw.dram_latency_cycles = 10;
  hw.weight_buffer_bits = hw.input_buffer_bits = hw.output_buffer_bits = int64_t{1} << 40;
  hw.vector_lanes = cols;
  return hw;
}

// An m x k x n GEMM in M tiles of `m_tile` vectors, weights streamed fold by fold.
ArrayWork Gemm(const HardwareConfig& hw, int64_t m, int k, int n, int64_t m_tile) {
  ArrayWork w;
  w.name = "gemm";
  w.op = 0;
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
  w.m_tile = m_tile;
  w.m_tiles = static_cast<int>((m + m_tile - 1) / m_tile);
  w.weight_bits = int64_t{k} * n * 7;  // not a multiple of every share: rounding matters
  w.weights_resident = false;
  w.input_act_bits = 6;
  w.input_bits = m * k * 6;
  w.output_bits = m * n * 8;
  return w;
}

TEST(StepStats, BufferTrafficEqualsTheSumOverTheScheduledFolds) {
  for (bool os : {false, true}) {
    for (const auto& [rows, cols, m, k, n, m_tile] :
         std::vector<std::tuple<int, int, int64_t, int, int, int64_t>>{{8, 8, 100, 147, 64, 37},
                                                                       {4, 6, 23, 9, 13, 23},
                                                                       {16, 16, 50, 300, 40, 7},
                                                                       {8, 8, 64, 20, 10, 32}}) {
      const HardwareConfig hw = Hardware(rows, cols, os);
      const ArrayWork w = Gemm(hw, m, k, n, m_tile);
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
  const HardwareConfig hw = Hardware(8, 8, false);
  const ArrayWork w = Gemm(hw, 100, 147, 64, 37);
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
