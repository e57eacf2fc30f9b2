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
  json["memory"] = {{"weight_bits", report.weight_bits}, {"float_bits", report.float_bits}};
  if (report.quant.present) json["memory"]["int8_bits"] = report.quant.int8_bits;
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const LayerRow& layer : report.layers) {
    layers.push_back({{"name", layer.name},
                      {"op", layer.op},
                      {"input_shape", layer.input_shape},
                      {"output_shape", layer.output_shape},
                      {"macs", layer.macs},
                      {"parameters", layer.parameters},
                      {"weight_bits", layer.weight_bits}});
  }
  json["layers"] = layers;
  if (report.quant.present) json["quant"] = QuantJson(report);
  json["host"] = {{"seconds", report.host_seconds},
                  {"simulated_macs_per_s", report.simulated_macs_per_s}};
  return json.dump(2) + "\n";
}

std::string FormatSummary(const RunReport& report) {
  TextTable table({"layer", "op", "input", "output", "MACs/image", "params", "weight bits"},
                  {"MACs/image", "params", "weight bits"});
  int64_t macs = 0;
  int64_t parameters = 0;
  for (const LayerRow& layer : report.layers) {
    table.AddRow({layer.name, layer.op, layer.input_shape, layer.output_shape,
                  GroupThousands(layer.macs), GroupThousands(layer.parameters),
                  GroupThousands(layer.weight_bits)});
    macs += layer.macs;
    parameters += layer.parameters;
  }
  table.AddRule();
  table.AddRow({"total", "", "", "", GroupThousands(macs), GroupThousands(parameters),
                GroupThousands(report.weight_bits)});

  std::string out = fmt::format("qscale run: {} ({}, scheme {}, fidelity {})\n\n",
                                report.network, report.config_file, report.scheme,
                                report.fidelity);
  out += table.Render();
  out += fmt::format("\naccuracy   top-1 {:.2f}% on {} images (float reference {:.2f}%)\n",
                     100 * report.top1, report.images, 100 * report.float_top1);
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
  out += fmt::format("host       {:.2f} s, {:.2f} GMAC/s\n", report.host_seconds,
                     report.simulated_macs_per_s / 1e9);
  return out;
}

}  // namespace qscale::report
