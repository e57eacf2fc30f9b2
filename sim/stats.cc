#include "sim/stats.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "src/golden/mul_csd.h"

namespace qscale::sim {
namespace {

// Buffer traffic and decodes follow from which folds or tiles the work has, not from when they
// run, so they are summed in closed form (the schedule need not keep per-fold timings).
void AddArray(const ArrayWork& w, const StepTiming& t, const HardwareConfig& hw,
              const LayerActions& actions, StepStats& s) {
  const int64_t rows = hw.shape.rows;
  const int64_t total_weights = int64_t{w.n} * w.k;
  const int64_t blocks = static_cast<int64_t>(w.columns.size());
  enum { kW = 0, kI = 1, kO = 2 };
  int64_t used_columns = 0;  // summed over the column blocks
  for (const std::vector<int>& block : w.columns) used_columns += UsedColumns(block);
  // Every fold (ws: m tile x block x k block) or tile (os: rows-vector tile x block) reads its
  // weights' share once; summed over the blocks (and k blocks) of one m tile or row tile.
  int64_t weight_share = 0;
  int64_t passes = 0;  // ws: m tiles; os: row tiles over all m tiles
  if (hw.output_stationary) {
    for (const std::vector<int>& block : w.columns) {
      weight_share += ShareBits(w.weight_bits, UsedColumns(block) * w.k, total_weights);
    }
    for (int mt = 0; mt < w.m_tiles; ++mt) {
      const int64_t vectors = std::min<int64_t>(w.m_tile, w.m - int64_t{mt} * w.m_tile);
      passes += (vectors + rows - 1) / rows;
    }
    s.folds += passes * blocks;
  } else {
    for (const std::vector<int>& block : w.columns) {
      for (int kb = 0; kb < w.k_blocks; ++kb) {
        const int64_t k_rows = std::min<int64_t>(rows, w.k - int64_t{kb} * rows);
        weight_share += ShareBits(w.weight_bits, UsedColumns(block) * k_rows, total_weights);
      }
    }
    passes = w.m_tiles;
    s.folds += passes * blocks * w.k_blocks;
    // Partial sums: every k block writes them, every k block after the first reads them back.
    const int64_t psum_bits = w.m * used_columns * hw.shape.acc_bits;
    s.sram_write_bits[kO] += psum_bits * w.k_blocks;
    s.sram_read_bits[kO] += psum_bits * (w.k_blocks - 1);
  }
  s.sram_read_bits[kW] += passes * weight_share;
  s.sram_read_bits[kI] += w.m * blocks * w.k * w.input_act_bits;
  s.decodes += passes * used_columns * w.k;
  // Final activations into the output buffer; every DMA transfer reads or writes its buffer.
  s.sram_write_bits[kO] += w.output_bits;
  s.sram_write_bits[kW] += t.dram_bits[kW];
  s.sram_write_bits[kI] += t.dram_bits[kI];
  s.sram_read_bits[kO] += t.dram_bits[kO];
  const int64_t macs = w.m * total_weights;
  s.macs += macs;
  s.pe_slots += (t.end - t.start) * rows * hw.shape.cols;
  s.sp2_macs += w.m * actions.sp2_weights;
  s.multiplier_macs += macs - w.m * actions.sp2_weights;
  s.csd_active_rows += w.m * actions.csd_rows_per_vector;
  s.requantizations += w.m * w.n;
}

}  // namespace

std::vector<LayerActions> CountLayerActions(const qnn::Network& network,
                                            const HardwareConfig& hardware) {
  std::vector<LayerActions> out(network.ops.size());
  for (size_t i = 0; i < network.ops.size(); ++i) {
    const qnn::Op& op = network.ops[i];
    if (!qnn::IsArrayOp(op.kind)) continue;
    const qnn::Layer& layer = op.layer;
    for (int r = 0; r < layer.rows; ++r) {
      const bool sp2 = layer.row_kind[r] == qnn::RowKind::kSp2;
      for (int k = 0; k < layer.k; ++k) {
        if (sp2) {
          ++out[i].sp2_weights;
        } else if (hardware.shape.kind == golden::MulKind::kCsd) {
          out[i].csd_rows_per_vector += golden::CsdActiveRows(
              layer.weights[static_cast<size_t>(r) * layer.k + k], hardware.csd_quality,
              std::max(layer.row_weight_bits[r], golden::kCsdMinBits));
        }
      }
    }
  }
  return out;
}

void AddStepStats(const Step& step, const StepTiming& timing, const HardwareConfig& hardware,
                  const std::vector<LayerActions>& actions, StepStats& into) {
  into.cycles += timing.end - timing.start;
  into.compute_cycles += timing.compute;
  into.fill_drain_cycles += timing.fill_drain;
  into.weight_load_cycles += timing.weight_load;
  into.stall_cycles += timing.stall;
  for (int o = 0; o < 3; ++o) into.dram_bits[o] += timing.dram_bits[o];
  if (const auto* w = std::get_if<ArrayWork>(&step)) {
    into.name = w->name;
    into.array = true;
    AddArray(*w, timing, hardware, actions.at(w->op), into);
  } else {
    const auto& v = std::get<VectorWork>(step);
    into.name = v.name;
    if (v.view) return;
    into.sram_write_bits[1] += v.input_bits;
    into.sram_read_bits[1] += v.input_bits;
    into.sram_write_bits[2] += v.output_bits;
    into.sram_read_bits[2] += v.output_bits;
    into.vector_elements += v.input_elements;
  }
}

}  // namespace qscale::sim
