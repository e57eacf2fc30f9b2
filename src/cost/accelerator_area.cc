#include "src/cost/accelerator_area.h"

#include <algorithm>

namespace qscale::cost {

std::vector<std::pair<std::string, double>> AcceleratorArea::Components() const {
  return {{"multipliers", multipliers}, {"accumulators", accumulators}, {"pe_other", pe_other},
          {"decoders", decoders},       {"sram", sram}};
}

AcceleratorArea AreaOf(const UnitCosts& costs, const Hardware& hw) {
  AcceleratorArea area;
  const golden::ArrayShape& s = hw.shape;
  const double acc = [&] {
    const UnitRef u = AccumulatorUnit(hw);
    return costs.Get(u.module, u.params).area.um2;
  }();
  const auto add_columns = [&](int columns, bool sp2) {
    if (columns <= 0) return;
    const UnitRef mul = sp2 ? Sp2MultiplierUnit(hw) : MultiplierUnit(hw);
    const UnitRef pe = PeUnit(hw, sp2);
    const double mul_um2 = costs.Get(mul.module, mul.params).area.um2;
    const double pe_um2 = costs.Get(pe.module, pe.params).area.um2;
    const double pes = double(columns) * s.rows;
    area.multipliers += pes * mul_um2;
    area.accumulators += pes * acc;
    area.pe_other += pes * std::max(0.0, pe_um2 - mul_um2 - acc);
  };
  add_columns(s.sp2_cols, true);
  add_columns(s.cols - s.sp2_cols, false);
  const UnitRef dec = DecoderUnit(hw);
  if (!dec.module.empty()) area.decoders += s.cols * costs.Get(dec.module, dec.params).area.um2;
  const UnitRef sp2_dec = Sp2DecoderUnit(hw);
  if (!sp2_dec.module.empty()) {
    area.decoders += s.sp2_cols * costs.Get(sp2_dec.module, sp2_dec.params).area.um2;
  }
  area.sram = double(hw.weight_buffer_bits + hw.input_buffer_bits + hw.output_buffer_bits) *
              costs.tech().sram_bitcell_um2.value;
  return area;
}

}  // namespace qscale::cost
