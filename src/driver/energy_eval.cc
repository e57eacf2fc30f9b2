#include "src/driver/energy_eval.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "src/config/tech_spec.h"
#include "src/cost/energy_model.h"
#include "src/cost/unit_library.h"
#include "src/nn/summary.h"

namespace qscale::driver {
namespace {

constexpr int kStreamsPerLayer = 256;  // sampled weights per layer (measured activity)
constexpr int kActsPerStream = 32;     // activations per sampled weight

// Streams of op `index`: sampled (row, k) weights, each with the activations the PE holding it
// sees for consecutive output pixels (conv: the im2col column; dense: successive images).
std::vector<cost::OperandStream> SampleStreams(const qnn::Network& network, size_t index,
                                               const std::vector<int32_t>& input, int images,
                                               uint32_t seed) {
  const qnn::Op& op = network.ops[index];
  const qnn::Layer& layer = op.layer;
  const nn::Shape& in_shape = network.values[op.inputs[0]].shape;
  const int64_t in_size = qnn::NumElements(in_shape);
  std::mt19937 rng(seed);
  std::vector<cost::OperandStream> streams;
  std::vector<int> rows;
  for (int r = 0; r < layer.rows; ++r) {
    if (layer.row_kind[r] != qnn::RowKind::kSp2) rows.push_back(r);
  }
  if (rows.empty() || input.empty()) return streams;
  std::uniform_int_distribution<size_t> pick_row(0, rows.size() - 1);
  std::uniform_int_distribution<int> pick_k(0, layer.k - 1);
  const bool conv = op.kind == qnn::OpKind::kConv && in_shape.size() == 3;
  for (int s = 0; s < kStreamsPerLayer; ++s) {
    cost::OperandStream stream;
    const int r = rows[pick_row(rng)];
    const int k = pick_k(rng);
    stream.weight = layer.weights[static_cast<size_t>(r) * layer.k + k];
    if (conv) {
      const int c = k / (op.kernel_h * op.kernel_w);
      const int kh = k / op.kernel_w % op.kernel_h, kw = k % op.kernel_w;
      const int h = in_shape[1], w = in_shape[2];
      const int out_w = (w + op.pad_left + op.pad_right - op.kernel_w) / op.stride_w + 1;
      const int out_h = (h + op.pad_top + op.pad_bottom - op.kernel_h) / op.stride_h + 1;
      const int image = s % images;
      const int start = std::uniform_int_distribution<int>(0, out_h * out_w - 1)(rng);
      for (int i = 0; i < kActsPerStream; ++i) {
        const int pixel = (start + i) % (out_h * out_w);
        const int ih = pixel / out_w * op.stride_h - op.pad_top + kh;
        const int iw = pixel % out_w * op.stride_w - op.pad_left + kw;
        const bool inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
        stream.acts.push_back(
            inside ? input[static_cast<size_t>(image * in_size + (int64_t{c} * h + ih) * w + iw)]
                   : 0);
      }
    } else {
      for (int i = 0; i < std::min(kActsPerStream, images); ++i) {
        stream.acts.push_back(input[static_cast<size_t>(i * in_size + k % in_size)]);
      }
    }
    streams.push_back(std::move(stream));
  }
  return streams;
}

// Per array op index: its input integers for the sample images.
std::map<int, std::vector<int32_t>> ObserveInputs(const ActivitySample& sample) {
  std::map<int, int> readers;  // value id -> array op reading it
  const qnn::Network& network = *sample.network;
  for (size_t i = 0; i < network.ops.size(); ++i) {
    if (qnn::IsArrayOp(network.ops[i].kind)) readers[network.ops[i].inputs[0]] = static_cast<int>(i);
  }
  std::map<int, std::vector<int32_t>> inputs;
  sample.engine->Run(sample.input.data(), sample.images,
                     [&](int value, int, int count, const int32_t* data) {
                       const auto it = readers.find(value);
                       if (it == readers.end()) return;
                       const int64_t n = count * qnn::NumElements(network.values[value].shape);
                       std::vector<int32_t>& into = inputs[it->second];
                       into.insert(into.end(), data, data + n);
                     });
  // The network's input value is observed too when an array op reads it directly.
  return inputs;
}

report::NamedValues Named(const std::vector<std::pair<std::string, double>>& values) {
  return report::NamedValues(values.begin(), values.end());
}

// Each layer row's energy from `by_layer` (by layer name).
void SetLayerEnergy(const std::map<std::string, cost::EnergyBreakdown>& by_layer,
                    report::RunReport& report) {
  for (report::LayerRow& row : report.layers) {
    const auto it = by_layer.find(row.name);
    if (it == by_layer.end()) continue;
    row.sim.has_energy = true;
    row.sim.energy_pj = it->second.total();
    row.sim.energy_components_pj = Named(it->second.Components());
  }
}

}  // namespace

cost::Hardware CostHardwareOf(const sim::HardwareConfig& hw, const config::RunConfig& config) {
  cost::Hardware h;
  h.shape = hw.shape;
  h.csd_quality = hw.csd_quality;
  h.clock_mhz = config.accelerator.clock_mhz;
  h.weight_buffer_bits = hw.weight_buffer_bits;
  h.input_buffer_bits = hw.input_buffer_bits;
  h.output_buffer_bits = hw.output_buffer_bits;
  switch (config.quant.scheme) {
    case config::QuantScheme::kQsq:
      h.decoder = cost::DecoderKind::kQsq;
      h.qsq_param_bits = config.quant.qsq.param_bits;
      break;
    case config::QuantScheme::kNuuq:
      h.decoder = cost::DecoderKind::kNuuq;
      h.nuuq_index_bits =
          std::max(1, static_cast<int>(std::ceil(std::log2(config.quant.nuuq.levels))));
      h.nuuq_grid_bits = config.quant.nuuq.grid_bits;
      break;
    case config::QuantScheme::kMsq:
      h.decoder = cost::DecoderKind::kSp2;
      break;
    default:
      break;
  }
  return h;
}

cost::Actions ActionsOf(const sim::StepStats& s) {
  cost::Actions a;
  a.cycles = s.cycles;
  a.macs = s.macs;
  a.multiplier_macs = s.multiplier_macs;
  a.sp2_macs = s.sp2_macs;
  a.csd_active_rows = s.csd_active_rows;
  a.decodes = s.decodes;
  a.requantizations = s.requantizations;
  a.vector_elements = s.vector_elements;
  a.dram_bits = s.dram_bits[0] + s.dram_bits[1] + s.dram_bits[2];
  for (int i = 0; i < 3; ++i) {
    a.sram_read_bits[i] = s.sram_read_bits[i];
    a.sram_write_bits[i] = s.sram_write_bits[i];
  }
  return a;
}

void FillEnergy(const std::vector<sim::StepStats>& stats, int64_t total_cycles, int images,
                const sim::HardwareConfig& hw, const config::RunConfig& config,
                const ActivitySample* sample, report::RunReport& report) {
  config::RequireFile(config, "energy.tech");
  const config::TechSpec tech = config::LoadTechSpec(config.energy.tech);
  const cost::UnitLibrary library = cost::UnitLibrary::Load(cost::DefaultUnitCostsDir());
  const cost::UnitCosts costs(tech, library);
  const cost::EnergyModel model(costs, CostHardwareOf(hw, config));
  const bool measured = config.energy.activity == config::Activity::kMeasured;
  if (measured && sample == nullptr) {
    // RunTopologyJob refuses measured activity with the config's line; no other caller lacks
    // a sample.
    throw std::logic_error("FillEnergy: energy.activity measured without the run's operands");
  }
  std::map<std::string, int> op_of;  // op name -> index (measured streams)
  std::map<int, std::vector<int32_t>> inputs;
  if (measured) {
    for (size_t i = 0; i < sample->network->ops.size(); ++i) {
      op_of[sample->network->ops[i].name] = static_cast<int>(i);
    }
    inputs = ObserveInputs(*sample);
  }

  report::EnergySummary& e = report.energy;
  e = {};
  e.present = true;
  e.model = "accelerator";
  e.tech = config.energy.tech;
  e.activity = std::string(config::ToString(config.energy.activity));
  e.anchor = fmt::format("{} = {:g} pJ/op", cost::Describe(costs.anchor().module,
                                                          costs.anchor().params),
                         tech.calibration_pj.value);
  std::map<std::string, cost::EnergyBreakdown> by_layer;
  cost::EnergyBreakdown total;
  int64_t step_cycles = 0;
  int64_t measured_macs = 0;
  for (const sim::StepStats& s : stats) {
    std::optional<double> pj;
    if (measured && s.array && s.multiplier_macs > 0) {
      const auto op = op_of.find(s.name);
      const auto in = op == op_of.end() ? inputs.end() : inputs.find(op->second);
      if (in != inputs.end()) {
        const auto streams = SampleStreams(*sample->network, static_cast<size_t>(op->second),
                                           in->second, sample->images, config.sim.seed);
        if (!streams.empty()) {
          pj = model.MeasureMultiplierPj(streams);
          measured_macs += static_cast<int64_t>(streams.size()) * kActsPerStream;
        }
      }
    }
    const cost::EnergyBreakdown layer = model.Price(ActionsOf(s), pj);
    by_layer[s.name] += layer;
    total += layer;
    step_cycles += s.cycles;
  }
  cost::Actions idle;
  idle.cycles = std::max<int64_t>(0, total_cycles - step_cycles);
  total += model.Price(idle);
  e.total_pj = total.total();
  e.components_pj = Named(total.Components());
  e.per_image_pj = images > 0 ? e.total_pj / images : 0.0;
  const double seconds = total_cycles / (config.accelerator.clock_mhz * 1e6);
  e.average_power_mw = report::PerSecond(e.total_pj * 1e-12, seconds) * 1e3;  // W -> mW
  e.area_um2 = Named(model.area().Components());
  const cost::ActionEnergies& u = model.energies();
  int64_t weight_dram_bits = 0;
  for (const sim::StepStats& s : stats) weight_dram_bits += s.dram_bits[0];
  e.dram_weights_pj = static_cast<double>(weight_dram_bits) * u.dram_bit;
  e.unit_energy_pj = {{"dram_per_bit", u.dram_bit},
                      {"sram_weight_read_per_bit", u.sram_read_bit[0]},
                      {"sram_input_read_per_bit", u.sram_read_bit[1]},
                      {"sram_output_read_per_bit", u.sram_read_bit[2]},
                      {"multiplier_per_mac", u.multiplier},
                      {"sp2_multiplier_per_mac", u.sp2_multiplier},
                      {"decoder_per_decode", u.decoder},
                      {"sp2_decoder_per_decode", u.sp2_decoder},
                      {"accumulator_per_mac", u.accumulator},
                      {"register_per_bit", u.register_bit},
                      {"requantizer_per_output", u.requantizer},
                      {"vector_per_element", u.vector_element},
                      {"leakage_per_cycle", u.leakage_pj_per_cycle}};
  for (const std::string& estimate : model.estimated_units()) {
    e.notes.push_back("unit not synthesized, area and energy scaled from a neighbour: " +
                      estimate);
  }
  if (hw.shape.kind == golden::MulKind::kCsd && !measured) {
    e.notes.push_back(fmt::format("csd multiplier energy counts active rows only ({} of {} rows "
                                  "per MAC on average)",
                                  [&] {
                                    int64_t rows = 0, macs = 0;
                                    for (const auto& s : stats) {
                                      rows += s.csd_active_rows;
                                      macs += s.multiplier_macs;
                                    }
                                    return macs ? fmt::format("{:.2f}", double(rows) / macs)
                                                : std::string("0");
                                  }(),
                                  u.csd_rows));
  }
  if (measured) {
    e.notes.push_back(fmt::format("multiplier energy from gate-level switching of its netlist on "
                                  "{} sampled multiplies of the run's operands",
                                  measured_macs));
  }
  e.notes.push_back("SRAM area counts bit cells only (no periphery)");
  SetLayerEnergy(by_layer, report);
}

void FillFloatEnergy(const config::RunConfig& config, const nn::Graph& graph, int run_images,
                     report::RunReport& report) {
  config::RequireFile(config, "energy.tech");
  const config::TechSpec tech = config::LoadTechSpec(config.energy.tech);
  const int images = std::max(1, run_images);
  const int64_t batches = (images + config.sim.batch - 1) / config.sim.batch;
  int64_t macs = 0, dram_bits = 0, sram_bits = 0, weight_bits = 0;
  std::map<std::string, cost::EnergyBreakdown> by_layer;
  const auto& sram = config.accelerator.sram;
  const double sram_kib = sram.input_kib;
  for (const nn::LayerSummary& layer : nn::Summarize(graph)) {
    if (layer.macs == 0) continue;
    const int64_t in = nn::NumElements(layer.input_shape) * 32 * images;
    const int64_t out = nn::NumElements(layer.output_shape) * 32 * images;
    const int64_t weights = layer.parameters * 32 * batches;
    const int64_t n = layer.output_shape.empty() ? 1 : layer.output_shape[0];
    const int64_t blocks = (n + config.accelerator.cols - 1) / config.accelerator.cols;
    const int64_t dram = weights + in + out;
    const int64_t sram_layer = 2 * dram + in * (blocks - 1);
    const cost::EnergyBreakdown e =
        cost::Fp32Estimate(tech, layer.macs * images, dram, sram_layer, sram_kib);
    by_layer[layer.name] = e;
    macs += layer.macs * images;
    dram_bits += dram;
    weight_bits += weights;
    sram_bits += sram_layer;
  }
  const cost::EnergyBreakdown total = cost::Fp32Estimate(tech, macs, dram_bits, sram_bits,
                                                         sram_kib);
  report::EnergySummary& e = report.energy;
  e = {};
  e.present = true;
  e.model = "fp32 analytic estimate";
  e.tech = config.energy.tech;
  e.activity = "table";
  e.anchor = fmt::format("fp32 mult {:g} pJ + add {:g} pJ per MAC", tech.fp32_mult_pj.value,
                         tech.fp32_add_pj.value);
  e.total_pj = total.total();
  e.components_pj = Named(total.Components());
  e.per_image_pj = e.total_pj / images;
  e.dram_weights_pj = static_cast<double>(weight_bits) * tech.dram_pj_per_bit.value;
  e.unit_energy_pj = {{"dram_per_bit", tech.dram_pj_per_bit.value},
                      {"fp32_mult", tech.fp32_mult_pj.value},
                      {"fp32_add", tech.fp32_add_pj.value}};
  e.notes.push_back("no accelerator run: fp32 MACs, weights from DRAM once per batch, each "
                    "layer's input and output through DRAM and SRAM at 32 bits; no leakage");
  SetLayerEnergy(by_layer, report);
}

}  // namespace qscale::driver
