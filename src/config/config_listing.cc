#include "src/config/config_listing.h"

#include <cstdint>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace qscale::config {
namespace {

struct Entry {
  std::string key;
  std::string text;  // the value as text
  bool is_string;    // a string value, which YAML may need to quote
};

class Lister {
 public:
  void Add(const std::string& key, std::string_view value) {
    entries_.push_back({key, std::string(value), true});
  }
  // Without it a string literal would convert to bool.
  void Add(const std::string& key, const char* value) { Add(key, std::string_view(value)); }
  void Add(const std::string& key, int value) { AddNumber(key, fmt::format("{}", value)); }
  void Add(const std::string& key, uint32_t value) { AddNumber(key, fmt::format("{}", value)); }
  // fmt's default for double is the shortest text that reads back to the same value.
  void Add(const std::string& key, double value) { AddNumber(key, fmt::format("{}", value)); }
  void Add(const std::string& key, bool value) { AddNumber(key, value ? "true" : "false"); }

  std::vector<Entry> Take() { return std::move(entries_); }

 private:
  void AddNumber(const std::string& key, std::string text) {
    entries_.push_back({key, std::move(text), false});
  }

  std::vector<Entry> entries_;
};

// Emits the entries from `*next` whose keys start with `prefix` as one block map, recursing for
// each nested section; Flatten keeps a section's keys together.
void EmitMap(const std::vector<Entry>& entries, const std::string& prefix, size_t* next,
             YAML::Emitter* out) {
  *out << YAML::BeginMap;
  while (*next < entries.size() && entries[*next].key.compare(0, prefix.size(), prefix) == 0) {
    const std::string rest = entries[*next].key.substr(prefix.size());
    const std::string::size_type dot = rest.find('.');
    if (dot == std::string::npos) {
      *out << YAML::Key << rest << YAML::Value << entries[*next].text;
      ++*next;
    } else {
      const std::string section = rest.substr(0, dot);
      *out << YAML::Key << section << YAML::Value;
      EmitMap(entries, prefix + section + ".", next, out);
    }
  }
  *out << YAML::EndMap;
}

std::vector<Entry> List(const RunConfig& config) {
  Lister list;
  list.Add("network", config.network);

  const DatasetSpec& dataset = config.dataset;
  list.Add("dataset.test_images", dataset.test_images);
  list.Add("dataset.test_labels", dataset.test_labels);
  list.Add("dataset.train_images", dataset.train_images);
  list.Add("dataset.train_labels", dataset.train_labels);
  list.Add("dataset.images", dataset.images);
  list.Add("calibration.images", config.calibration.images);
  list.Add("calibration.seed", config.calibration.seed);

  const QuantSpec& quant = config.quant;
  list.Add("quant.scheme", ToString(quant.scheme));
  list.Add("quant.activation_bits", quant.activation_bits);
  list.Add("quant.rounding", ToString(quant.rounding));
  list.Add("quant.fixed.budget", quant.fixed.budget);
  list.Add("quant.fixed.validation_images", quant.fixed.validation_images);
  list.Add("quant.qsq.levels", quant.qsq.levels);
  if (quant.qsq.vector_length == kQsqVectorPerFilter) {
    list.Add("quant.qsq.vector", "filter");
  } else {
    list.Add("quant.qsq.vector", quant.qsq.vector_length);
  }
  list.Add("quant.qsq.mean", quant.qsq.mean);
  list.Add("quant.qsq.param_bits", quant.qsq.param_bits);
  list.Add("quant.nuuq.levels", quant.nuuq.levels);
  list.Add("quant.nuuq.grid_bits", quant.nuuq.grid_bits);
  list.Add("quant.nuuq.packing", ToString(quant.nuuq.packing));
  list.Add("quant.nuuq.granularity", ToString(quant.nuuq.granularity));
  list.Add("quant.msq.bits", quant.msq.bits);
  list.Add("quant.msq.sp2_ratio", quant.msq.sp2_ratio);
  list.Add("quant.msq.high_precision_ratio", quant.msq.high_precision_ratio);

  const AcceleratorSpec& accelerator = config.accelerator;
  list.Add("accelerator.rows", accelerator.rows);
  list.Add("accelerator.cols", accelerator.cols);
  list.Add("accelerator.dataflow", ToString(accelerator.dataflow));
  list.Add("accelerator.multiplier", ToString(accelerator.multiplier));
  list.Add("accelerator.csd_quality", accelerator.csd_quality);
  list.Add("accelerator.accumulator_bits", accelerator.accumulator_bits);
  list.Add("accelerator.clock_mhz", accelerator.clock_mhz);
  list.Add("accelerator.sram.weight_kib", accelerator.sram.weight_kib);
  list.Add("accelerator.sram.input_kib", accelerator.sram.input_kib);
  list.Add("accelerator.sram.output_kib", accelerator.sram.output_kib);
  list.Add("accelerator.dram.bytes_per_cycle", accelerator.dram.bytes_per_cycle);
  list.Add("accelerator.dram.latency_cycles", accelerator.dram.latency_cycles);

  list.Add("sim.fidelity", ToString(config.sim.fidelity));
  list.Add("sim.batch", config.sim.batch);
  list.Add("sim.seed", config.sim.seed);
  list.Add("energy.tech", config.energy.tech);
  list.Add("energy.activity", ToString(config.energy.activity));
  return list.Take();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Flatten(const RunConfig& config) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (Entry& entry : List(config)) {
    if (entry.is_string) {
      YAML::Emitter scalar;  // quotes the rare string YAML would misread ("null", "a: b")
      scalar << entry.text;
      entry.text = scalar.c_str();
    }
    pairs.emplace_back(std::move(entry.key), std::move(entry.text));
  }
  return pairs;
}

std::string ToYaml(const RunConfig& config) {
  const std::vector<Entry> entries = List(config);
  YAML::Emitter out;
  size_t next = 0;
  EmitMap(entries, "", &next, &out);
  return std::string(out.c_str()) + "\n";
}

}  // namespace qscale::config
