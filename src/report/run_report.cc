#include "src/report/run_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "src/report/text_table.h"

namespace qscale::report {

namespace {

nlohmann::ordered_json NamedJson(const NamedValues& values) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [name, value] : values) json[name] = value;
  return json;
}

nlohmann::ordered_json QuantJson(const RunReport& report) {
  const QuantSummary& quant = report.quant;
  nlohmann::ordered_json json;
  json["scheme"] = report.scheme;
  json["datapath"] = report.datapath;
  json["activation_bits"] = quant.activation_bits;
  json["zero_weight_fraction"] = quant.zero_weight_fraction;
  json["details"] = NamedJson(quant.details);
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const QuantLayerRow& layer : quant.layers) {
    layers.push_back({{"name", layer.name},
                      {"coding", layer.coding},
                      {"weights", layer.weights},
                      {"code_bits", layer.code_bits},
                      {"param_bits", layer.param_bits},
                      {"bias_bits", layer.bias_bits},
                      {"zero_fraction", layer.zero_fraction},
                      {"activation_bits", layer.activation_bits},
                      {"details", NamedJson(layer.details)}});
  }
  json["layers"] = layers;
  return json;
}

nlohmann::ordered_json TrafficJson(const Traffic& t) {
  return {{"weights", t.weights}, {"inputs", t.inputs}, {"outputs", t.outputs}};
}

nlohmann::ordered_json CyclesJson(const AcceleratorSummary& a) {
  return {{"total", a.cycles},
          {"stall", a.stall_cycles},
          {"compute", a.compute_cycles},
          {"fill_drain", a.fill_drain_cycles},
          {"weight_load", a.weight_load_cycles},
          {"seconds_at_clock", a.clock_mhz > 0 ? a.cycles / (a.clock_mhz * 1e6) : 0.0}};
}

// The summary's energy and area lines.
std::string FormatEnergy(const EnergySummary& e) {
  std::string parts;
  for (const auto& [name, pj] : e.components_pj) {
    if (e.total_pj > 0 && pj > 0) {
      parts += fmt::format("{}{} {:.1f}%", parts.empty() ? "" : ", ", name, 100 * pj / e.total_pj);
    }
  }
  std::string out = fmt::format("energy     {:.2f} nJ per image ({}; {}, activity {})\n",
                                e.per_image_pj / 1e3, e.model, e.tech, e.activity);
  out += fmt::format("           {}\n", parts);
  if (e.average_power_mw > 0) {
    out += fmt::format("power      {:.2f} mW average at the configured clock\n",
                       e.average_power_mw);
  }
  if (!e.area_um2.empty()) {
    double total = 0;
    std::string area;
    for (const auto& [name, um2] : e.area_um2) total += um2;
    for (const auto& [name, um2] : e.area_um2) {
      area += fmt::format("{}{} {:.3f}", area.empty() ? "" : ", ", name, um2 / 1e6);
    }
    out += fmt::format("area       {:.3f} mm^2 ({} mm^2)\n", total / 1e6, area);
  }
  for (const std::string& note : e.notes) out += fmt::format("           note: {}\n", note);
  return out;
}

}  // namespace

std::string ToJson(const RunReport& report) {
  nlohmann::ordered_json json;
  json["schema"] = kReportSchema;
  json["config_file"] = report.config_file;
  json["network"] = report.network;
  json["scheme"] = report.scheme;
  json["fidelity"] = report.fidelity;
  nlohmann::ordered_json config = nlohmann::ordered_json::object();
  for (const auto& [key, value] : report.config) config[key] = value;
  json["config"] = config;
  json["accuracy"] = {{"top1", report.top1},
                      {"float_top1", report.float_top1},
                      {"images", report.images}};
  if (report.logits_digest.empty()) {
    json["accuracy"]["logits_digest"] = nullptr;
  } else {
    json["accuracy"]["logits_digest"] = report.logits_digest;
  }
  if (!report.has_accuracy) {
    json["accuracy"]["top1"] = nullptr;
    json["accuracy"]["float_top1"] = nullptr;
  }
  json["memory"] = {{"weight_bits", report.weight_bits}, {"float_bits", report.float_bits}};
  if (report.quant.present) json["memory"]["int8_bits"] = report.quant.int8_bits;
  if (report.accelerator.present) {
    const AcceleratorSummary& a = report.accelerator;
    json["accelerator"] = {{"hardware", a.hardware}, {"clock_mhz", a.clock_mhz}};
    json["cycles"] = CyclesJson(a);
    json["utilization"] = a.utilization;
    json["traffic"] = {{"dram_bits", TrafficJson(a.dram_bits)},
                       {"sram_read_bits", TrafficJson(a.sram_read_bits)},
                       {"sram_write_bits", TrafficJson(a.sram_write_bits)}};
    json["actions"] = NamedJson(a.actions);
  }
  if (report.energy.present) {
    const EnergySummary& e = report.energy;
    nlohmann::ordered_json energy = {{"total", e.total_pj}};
    for (const auto& [name, value] : e.components_pj) energy[name] = value;
    json["energy_pj"] = energy;
    json["energy"] = {{"model", e.model},
                      {"tech", e.tech},
                      {"activity", e.activity},
                      {"anchor", e.anchor},
                      {"per_image_pj", e.per_image_pj},
                      {"dram_weights_pj", e.dram_weights_pj},
                      {"average_power_mw", e.average_power_mw},
                      {"unit_energy_pj", NamedJson(e.unit_energy_pj)},
                      {"notes", e.notes}};
    if (!e.area_um2.empty()) {  // top level, like energy_pj: what sweeps read (area_um2.total)
      double total = 0;
      for (const auto& [name, um2] : e.area_um2) total += um2;
      nlohmann::ordered_json area = {{"total", total}};
      for (const auto& [name, um2] : e.area_um2) area[name] = um2;
      json["area_um2"] = area;
    }
  }
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const LayerRow& layer : report.layers) {
    layers.push_back({{"name", layer.name},
                      {"op", layer.op},
                      {"input_shape", layer.input_shape},
                      {"output_shape", layer.output_shape},
                      {"macs", layer.macs},
                      {"parameters", layer.parameters},
                      {"weight_bits", layer.weight_bits}});
    if (layer.sim.simulated) {
      nlohmann::ordered_json& row = layers.back();
      row["cycles"] = layer.sim.cycles;
      row["compute_cycles"] = layer.sim.compute_cycles;
      row["fill_drain_cycles"] = layer.sim.fill_drain_cycles;
      row["weight_load_cycles"] = layer.sim.weight_load_cycles;
      row["stall_cycles"] = layer.sim.stall_cycles;
      row["utilization"] = layer.sim.utilization;
      row["dram_bits"] = TrafficJson(layer.sim.dram_bits);
    }
    if (layer.sim.has_energy) {
      layers.back()["energy_pj"] = layer.sim.energy_pj;
      layers.back()["energy_components_pj"] = NamedJson(layer.sim.energy_components_pj);
    }
  }
  json["layers"] = layers;
  if (report.quant.present) json["quant"] = QuantJson(report);
  json["host"] = {{"seconds", report.host_seconds},
                  {"simulated_macs_per_s", report.simulated_macs_per_s},
                  {"simulated_cycles_per_s", report.simulated_cycles_per_s}};
  return json.dump(2) + "\n";
}

std::string FormatSummary(const RunReport& report) {
  const bool sim = report.accelerator.present;
  std::vector<std::string> header = {"layer", "op", "input", "output", "MACs/image", "params",
                                     "weight bits"};
  std::vector<std::string> right = {"MACs/image", "params", "weight bits"};
  if (sim) {
    for (const char* column : {"cycles", "stall", "util", "DRAM KiB"}) {
      header.push_back(column);
      right.push_back(column);
    }
  }
  const bool energy = report.energy.present;
  if (energy) {
    header.push_back("energy nJ/image");
    right.push_back("energy nJ/image");
  }
  const double per_image = report.images > 0 ? 1.0 / report.images : 1.0;
  TextTable table(header, right);
  int64_t macs = 0;
  int64_t parameters = 0;
  auto kib = [](const Traffic& t) {
    return fmt::format("{:.1f}", (t.weights + t.inputs + t.outputs) / 8192.0);
  };
  for (const LayerRow& layer : report.layers) {
    std::vector<std::string> row = {layer.name,
                                    layer.op,
                                    layer.input_shape,
                                    layer.output_shape,
                                    GroupThousands(layer.macs),
                                    GroupThousands(layer.parameters),
                                    GroupThousands(layer.weight_bits)};
    if (sim) {
      const LayerCycles& c = layer.sim;
      row.push_back(c.simulated ? GroupThousands(c.cycles) : "");
      row.push_back(c.simulated ? GroupThousands(c.stall_cycles) : "");
      row.push_back(c.simulated && layer.macs ? fmt::format("{:.0f}%", 100 * c.utilization) : "");
      row.push_back(c.simulated ? kib(c.dram_bits) : "");
    }
    if (energy) {
      row.push_back(layer.sim.has_energy
                        ? fmt::format("{:.2f}", layer.sim.energy_pj * per_image / 1e3)
                        : "");
    }
    table.AddRow(row);
    macs += layer.macs;
    parameters += layer.parameters;
  }
  table.AddRule();
  std::vector<std::string> total = {"total", "", "", "", GroupThousands(macs),
                                    GroupThousands(parameters), GroupThousands(report.weight_bits)};
  if (sim) {
    const AcceleratorSummary& a = report.accelerator;
    total.push_back(GroupThousands(a.cycles));
    total.push_back(GroupThousands(a.stall_cycles));
    total.push_back(fmt::format("{:.0f}%", 100 * a.utilization));
    total.push_back(kib(a.dram_bits));
  }
  if (energy) total.push_back(fmt::format("{:.2f}", report.energy.per_image_pj / 1e3));
  table.AddRow(total);

  std::string out = fmt::format("qscale run: {} ({}, scheme {}, fidelity {})\n\n",
                                report.network, report.config_file, report.scheme,
                                report.fidelity);
  out += table.Render();
  if (report.has_accuracy) {
    out += fmt::format("\naccuracy   top-1 {:.2f}% on {} images (float reference {:.2f}%)\n",
                       100 * report.top1, report.images, 100 * report.float_top1);
  } else {
    out += fmt::format("\naccuracy   none: a topology has random weights ({} random images)\n",
                       report.images);
  }
  out += fmt::format("memory     weights {:.1f} KiB as stored, {:.1f} KiB as fp32 ({:.3f}x)\n",
                     report.weight_bits / 8192.0, report.float_bits / 8192.0,
                     report.float_bits ? static_cast<double>(report.weight_bits) /
                                             static_cast<double>(report.float_bits)
                                       : 0.0);
  if (report.quant.present) {
    out += fmt::format("           {:.3f}x of int8, {:.1f}% of weights zero\n",
                       report.quant.int8_bits ? static_cast<double>(report.weight_bits) /
                                                    static_cast<double>(report.quant.int8_bits)
                                              : 0.0,
                       100 * report.quant.zero_weight_fraction);
    for (const auto& [name, value] : report.quant.details) {
      out += fmt::format("           {} {:.4g}\n", name, value);
    }
    out += fmt::format("datapath   {}\n", report.datapath);
  }
  if (sim) {
    const AcceleratorSummary& a = report.accelerator;
    const double images = report.images > 0 ? report.images : 1;
    out += fmt::format("accelerator {}\n", a.hardware);
    out += fmt::format("cycles     {} total, {:.0f} per image ({:.3f} ms per image at {} MHz); "
                       "stall {}, weight load {}, fill/drain {}\n",
                       GroupThousands(a.cycles), a.cycles / images,
                       a.cycles / images / (a.clock_mhz * 1e3), a.clock_mhz,
                       GroupThousands(a.stall_cycles), GroupThousands(a.weight_load_cycles),
                       GroupThousands(a.fill_drain_cycles));
    out += fmt::format("traffic    DRAM {:.1f} KiB per image (weights {:.1f}, inputs {:.1f}, "
                       "outputs {:.1f}); utilization {:.1f}%\n",
                       (a.dram_bits.weights + a.dram_bits.inputs + a.dram_bits.outputs) / 8192.0 /
                           images,
                       a.dram_bits.weights / 8192.0 / images, a.dram_bits.inputs / 8192.0 / images,
                       a.dram_bits.outputs / 8192.0 / images, 100 * a.utilization);
  }
  if (energy) out += FormatEnergy(report.energy);
  out += fmt::format("host       {:.2f} s, {:.2f} GMAC/s", report.host_seconds,
                     report.simulated_macs_per_s / 1e9);
  if (report.simulated_cycles_per_s > 0) {
    out += fmt::format(", {:.2f} M simulated cycles/s", report.simulated_cycles_per_s / 1e6);
  }
  out += "\n";
  return out;
}

}  // namespace qscale::report
