#include "sim/stats.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "src/golden/mul_csd.h"

namespace qscale::sim {
namespace {

int UsedColumns(const std::vector<int>& columns) {
  return static_cast<int>(std::count_if(columns.begin(), columns.end(), [](int c) { return c >= 0; }));
}

int64_t Share(int64_t bits, int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<int64_t>(
      std::ceil(static_cast<long double>(bits) * part / static_cast<long double>(whole)));
}

void AddArray(const ArrayWork& w, const StepTiming& t, const HardwareConfig& hw,
              const LayerActions& actions, StepStats& s) {
  const int64_t rows = hw.shape.rows;
  const int64_t total_weights = int64_t{w.n} * w.k;
  enum { kW = 0, kI = 1, kO = 2 };
  for (const BlockTiming& b : t.blocks) {
    const int64_t used = UsedColumns(w.columns[b.block]);
    const int64_t k_rows =
        hw.output_stationary ? w.k : std::min<int64_t>(rows, w.k - int64_t{b.k_block} * rows);
    const int64_t weights = used * k_rows;
    s.sram_read_bits[kW] += Share(w.weight_bits, weights, total_weights);
    s.sram_read_bits[kI] += b.vectors * k_rows * w.input_act_bits;
    s.decodes += weights;
    if (!hw.output_stationary) {
      const int64_t psum_bits = b.vectors * used * hw.shape.acc_bits;
      s.sram_write_bits[kO] += psum_bits;
      if (b.k_block > 0) s.sram_read_bits[kO] += psum_bits;
    }
    ++s.folds;
  }
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
