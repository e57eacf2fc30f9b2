// Defaults, the shipped default.yaml, and the effective config written back out.
#include "src/config/run_config.h"

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "src/config/config_listing.h"
#include "src/config/config_node.h"

namespace qscale::config {
namespace {

// DESIGN.md section 5's example config, verbatim.
constexpr char kDesignExample[] = R"(
network: models/lenet5_fmnist.onnx        # or a SCALE-Sim topology .csv
dataset:
  test_images: /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz
  test_labels: /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz
  train_images: /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
  train_labels: /usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz
  images: 10000                            # test images to run (--images overrides)
calibration: {images: 512, seed: 1}
quant:
  scheme: qsq                              # float | int8 | fixed | qsq | nuuq | msq
  activation_bits: 8
  fixed: {budget: 0.01, validation_images: 5000}
  qsq: {levels: 7, vector: filter, mean: false, param_bits: 8}
  nuuq: {levels: 4, grid_bits: 8, packing: dense}
  msq: {bits: 4, sp2_ratio: 0.5, high_precision_ratio: 0.1}
accelerator:
  rows: 16
  cols: 16
  dataflow: ws                             # ws | os
  multiplier: csd                          # exact | csd | sp2 | bitserial (msq mixes sp2/exact)
  csd_quality: 3
  accumulator_bits: 32
  clock_mhz: 500
  sram: {weight_kib: 64, input_kib: 64, output_kib: 64}
  dram: {bytes_per_cycle: 16, latency_cycles: 100}
sim: {fidelity: fast, batch: 64, seed: 1}
energy: {tech: configs/tech/45nm.yaml, activity: table}   # activity: table | measured
)";

using Listing = std::vector<std::pair<std::string, std::string>>;

// A config in which every key differs from its default.
RunConfig EveryKeyChanged() {
  RunConfig config;
  config.network = "topologies/my net.csv";
  config.dataset = {"a/t10k.gz", "a/t10k-l.gz", "a/train.gz", "a/train-l.gz", 123};
  config.calibration = {64, 4000000000u};
  config.quant.scheme = QuantScheme::kNuuq;
  config.quant.activation_bits = 6;
  config.quant.rounding = Rounding::kNearest;
  config.quant.fixed = {0.003, 1000};
  config.quant.qsq = {5, 48, true, 12};
  config.quant.nuuq = {3, 6, NuuqPacking::kAligned, NuuqGranularity::kLayer};
  config.quant.msq = {8, 0.1 + 0.2, 1.0 / 3};
  config.accelerator.rows = 32;
  config.accelerator.cols = 8;
  config.accelerator.dataflow = Dataflow::kOs;
  config.accelerator.multiplier = MultiplierKind::kBitserial;
  config.accelerator.csd_quality = 2;
  config.accelerator.accumulator_bits = 24;
  config.accelerator.clock_mhz = 333.3;
  config.accelerator.sram = {1, kMaxSramKib, 7};
  config.accelerator.dram = {1e-3, 0};
  config.sim = {Fidelity::kRtl, 1, 0};
  config.energy = {"null", Activity::kMeasured};
  return config;
}

TEST(Config, DefaultsEqualDesignExample) {
  EXPECT_EQ(Flatten(RunConfig{}), Flatten(ParseRunConfigString(kDesignExample, "DESIGN.md")));
}

TEST(Config, DefaultYamlIsTheDesignExample) {
  const RunConfig config = ParseRunConfig(LoadConfigFile("configs/default.yaml"));
  const RunConfig expected = ParseRunConfigString(kDesignExample, "DESIGN.md");
  EXPECT_EQ(Flatten(config), Flatten(expected));
}

TEST(Config, DefaultYamlWritesEveryKey) {
  const RunConfig config = ParseRunConfig(LoadConfigFile("configs/default.yaml"));
  std::set<std::string> missing;
  for (const auto& [key, value] : Flatten(config)) {
    if (config.locations.count(key) == 0) missing.insert(key);
  }
  EXPECT_TRUE(missing.empty()) << "first key missing from configs/default.yaml: "
                               << *missing.begin();
  EXPECT_EQ(config.locations.size(), Flatten(config).size());
}

TEST(Config, LocationsNameTheLineOfEachKey) {
  const RunConfig config = ParseRunConfigString("sim:\n  batch: 2\n\n  seed: 3\n", "c.yaml");
  EXPECT_EQ(config.source, "c.yaml");
  EXPECT_EQ(config.locations, (std::map<std::string, std::string>{{"sim.batch", "c.yaml:2"},
                                                                  {"sim.seed", "c.yaml:4"}}));
}

TEST(ConfigListing, FlattenListsEveryKeyAsAYamlScalar) {
  const Listing listing = Flatten(RunConfig{});
  ASSERT_EQ(listing.size(), 41u);
  EXPECT_EQ(listing.front(),
            (std::pair<std::string, std::string>{"network", "models/lenet5_fmnist.onnx"}));
  const std::map<std::string, std::string> values(listing.begin(), listing.end());
  EXPECT_EQ(values.at("quant.qsq.vector"), "filter");
  EXPECT_EQ(values.at("quant.qsq.mean"), "false");
  EXPECT_EQ(values.at("quant.msq.sp2_ratio"), "0.5");
  EXPECT_EQ(values.at("accelerator.clock_mhz"), "500");
  EXPECT_EQ(values.at("accelerator.dram.bytes_per_cycle"), "16");
  EXPECT_EQ(values.at("sim.fidelity"), "fast");
}

TEST(ConfigListing, ToYamlThenParseIsIdentity) {
  for (const RunConfig& config : {RunConfig{}, EveryKeyChanged()}) {
    const std::string yaml = ToYaml(config);
    EXPECT_EQ(Flatten(ParseRunConfigString(yaml, "round-trip")), Flatten(config)) << yaml;
  }
}

TEST(ConfigListing, EveryFlattenedPairIsAValidOverride) {
  const RunConfig changed = EveryKeyChanged();
  std::vector<std::string> overrides;
  for (const auto& [key, value] : Flatten(changed)) overrides.push_back(key + "=" + value);
  EXPECT_EQ(Flatten(ParseRunConfigString("", "empty", overrides)), Flatten(changed));
}

TEST(ConfigListing, ReadmeDocumentsEveryKey) {
  std::ifstream readme("configs/README.md");
  ASSERT_TRUE(readme) << "run from the repository top";
  const std::string text((std::istreambuf_iterator<char>(readme)),
                         std::istreambuf_iterator<char>());
  for (const auto& [key, value] : Flatten(RunConfig{})) {
    EXPECT_NE(text.find("| `" + key + "` |"), std::string::npos) << key << " has no table row";
  }
}

TEST(ConfigListing, EveryKeyChangedDiffersFromTheDefaultEverywhere) {
  const Listing defaults = Flatten(RunConfig{});
  const Listing changed = Flatten(EveryKeyChanged());
  ASSERT_EQ(defaults.size(), changed.size());
  for (size_t i = 0; i < defaults.size(); ++i) {
    EXPECT_NE(defaults[i].second, changed[i].second) << defaults[i].first;
  }
}

}  // namespace
}  // namespace qscale::config
