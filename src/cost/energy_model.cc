#include "src/cost/energy_model.h"

#include <algorithm>
#include <cmath>

#include "src/cost/activity.h"
#include "src/cost/gate_netlist.h"

namespace qscale::cost {
namespace {

constexpr double kBitsPerKib = 8192.0;

double SramReadPjPerBit(const config::TechSpec& tech, int64_t capacity_bits) {
  const double kib = std::max(1.0, static_cast<double>(capacity_bits) / kBitsPerKib);
  return config::InterpolateAnchors(tech.sram_read_pj_per_bit, kib);
}

}  // namespace

double EnergyBreakdown::total() const {
  return dram + sram + decoder + multiplier + accumulator + registers + requantizer + vector +
         leakage;
}

std::vector<std::pair<std::string, double>> EnergyBreakdown::Components() const {
  return {{"dram", dram},
          {"sram", sram},
          {"decoder", decoder},
          {"multiplier", multiplier},
          {"accumulator", accumulator},
          {"registers", registers},
          {"requantizer", requantizer},
          {"vector", vector},
          {"leakage", leakage}};
}

EnergyBreakdown& EnergyBreakdown::operator+=(const EnergyBreakdown& o) {
  dram += o.dram;
  sram += o.sram;
  decoder += o.decoder;
  multiplier += o.multiplier;
  accumulator += o.accumulator;
  registers += o.registers;
  requantizer += o.requantizer;
  vector += o.vector;
  leakage += o.leakage;
  return *this;
}

EnergyModel::EnergyModel(const UnitCosts& costs, const Hardware& hw)
    : costs_(costs), hw_(hw), area_(AreaOf(costs, hw)) {
  const config::TechSpec& tech = costs.tech();
  const golden::ArrayShape& s = hw.shape;
  const auto get = [&](const UnitRef& unit) {
    UnitCost cost = costs.Get(unit.module, unit.params);
    if (cost.estimated) {
      estimated_.push_back(Describe(unit.module, unit.params) + " ~ " + cost.variant->variant);
    }
    return cost;
  };
  ActionEnergies& e = energies_;
  e.dram_bit = tech.dram_pj_per_bit.value;
  const int64_t buffers[3] = {hw.weight_buffer_bits, hw.input_buffer_bits, hw.output_buffer_bits};
  for (int i = 0; i < 3; ++i) {
    e.sram_read_bit[i] = SramReadPjPerBit(tech, buffers[i]);
    e.sram_write_bit[i] = e.sram_read_bit[i] * tech.sram_write_vs_read.value;
  }
  e.register_bit = tech.register_pj_per_bit.value;
  multiplier_ = get(MultiplierUnit(hw));
  e.multiplier = multiplier_.energy_pj;
  e.csd_rows = (s.weight_bits + 1) / 2;
  if (s.sp2_cols > 0) e.sp2_multiplier = get(Sp2MultiplierUnit(hw)).energy_pj;
  if (const UnitRef dec = DecoderUnit(hw); !dec.module.empty()) e.decoder = get(dec).energy_pj;
  if (const UnitRef dec = Sp2DecoderUnit(hw); !dec.module.empty()) {
    e.sp2_decoder = get(dec).energy_pj;
  }
  e.accumulator = get(AccumulatorUnit(hw)).energy_pj;
  e.requantizer = config::InterpolateAnchors(tech.int_mult_pj, s.acc_bits) +
                  config::InterpolateAnchors(tech.int_add_pj, s.acc_bits);
  e.vector_element = config::InterpolateAnchors(tech.int_add_pj, s.act_bits);
  // mW/mm^2 x um^2 = 1e-9 W; / (MHz) = J per cycle x 1e-15 ... in pJ: P[W] / f[Hz] * 1e12.
  const double leakage_w = tech.leakage_mw_per_mm2.value * 1e-3 * area_.total() * 1e-6;
  e.leakage_pj_per_cycle = leakage_w / (hw.clock_mhz * 1e6) * 1e12;
}

EnergyBreakdown EnergyModel::Price(const Actions& a,
                                   std::optional<double> measured_multiplier_pj) const {
  const ActionEnergies& e = energies_;
  const golden::ArrayShape& s = hw_.shape;
  EnergyBreakdown out;
  out.dram = static_cast<double>(a.dram_bits) * e.dram_bit;
  for (int i = 0; i < 3; ++i) {
    out.sram += static_cast<double>(a.sram_read_bits[i]) * e.sram_read_bit[i] +
                static_cast<double>(a.sram_write_bits[i]) * e.sram_write_bit[i];
  }
  // Decodes: on SP2 columns (msq) in the share of SP2 MACs, else through the scheme's decoder.
  const double sp2_share = a.macs > 0 ? static_cast<double>(a.sp2_macs) / a.macs : 0.0;
  out.decoder = static_cast<double>(a.decodes) * (sp2_share * e.sp2_decoder +
                                                  (1 - sp2_share) * e.decoder);
  if (measured_multiplier_pj) {
    out.multiplier = static_cast<double>(a.multiplier_macs) * *measured_multiplier_pj;
  } else if (s.kind == golden::MulKind::kCsd) {
    // Gated rows do not switch: the unit's energy in the share of its rows that are active.
    out.multiplier = static_cast<double>(a.csd_active_rows) * e.multiplier / e.csd_rows;
  } else {
    out.multiplier = static_cast<double>(a.multiplier_macs) * e.multiplier;
  }
  out.multiplier += static_cast<double>(a.sp2_macs) * e.sp2_multiplier;
  out.accumulator = static_cast<double>(a.macs) * e.accumulator;
  // Each MAC moves an activation one PE to the right; each decode writes a weight register.
  out.registers = static_cast<double>(a.macs) * s.act_bits * e.register_bit +
                  static_cast<double>(a.decodes) * s.weight_bits * e.register_bit;
  out.requantizer = static_cast<double>(a.requantizations) * e.requantizer;
  out.vector = static_cast<double>(a.vector_elements) * e.vector_element;
  out.leakage = static_cast<double>(a.cycles) * e.leakage_pj_per_cycle;
  return out;
}

double EnergyModel::MeasureMultiplierPj(const std::vector<OperandStream>& streams) const {
  GateNetlist netlist = costs_.Netlist(*multiplier_.variant);
  const double toggled = ToggledAreaPerMultiply(netlist, hw_.shape.kind, streams,
                                                hw_.csd_quality, hw_.shape.sp2_code_bits);
  return toggled * costs_.pj_per_toggled_um2() * multiplier_.scale;
}

EnergyBreakdown Fp32Estimate(const config::TechSpec& tech, int64_t macs, int64_t dram_bits,
                             int64_t sram_bits, double sram_capacity_kib) {
  EnergyBreakdown out;
  out.multiplier = static_cast<double>(macs) * tech.fp32_mult_pj.value;
  out.accumulator = static_cast<double>(macs) * tech.fp32_add_pj.value;
  out.dram = static_cast<double>(dram_bits) * tech.dram_pj_per_bit.value;
  out.sram = static_cast<double>(sram_bits) *
             config::InterpolateAnchors(tech.sram_read_pj_per_bit, sram_capacity_kib);
  return out;
}

}  // namespace qscale::cost
