#include "src/config/run_config.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "src/config/config_map.h"
#include "src/config/consistency.h"
#include "src/config/override.h"

namespace qscale::config {
namespace {

bool HasExtension(const std::string& path, std::string_view extension) {
  if (path.size() < extension.size()) return false;
  return std::equal(extension.begin(), extension.end(), path.end() - extension.size(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// The file path at `key`, or nullptr when `key` is not one of the config's file path keys.
const std::string* FilePathAt(const RunConfig& config, std::string_view key) {
  const std::pair<std::string_view, const std::string*> paths[] = {
      {"network", &config.network},
      {"dataset.test_images", &config.dataset.test_images},
      {"dataset.test_labels", &config.dataset.test_labels},
      {"dataset.train_images", &config.dataset.train_images},
      {"dataset.train_labels", &config.dataset.train_labels},
      {"energy.tech", &config.energy.tech},
  };
  for (const auto& [name, path] : paths) {
    if (name == key) return path;
  }
  return nullptr;
}

// Records where each leaf below `node` was written, keyed by its path relative to `prefix`.
void CollectLocations(const ConfigNode& node, size_t prefix,
                      std::map<std::string, std::string>* locations) {
  const auto entries = node.Entries();
  if (!entries.empty()) {
    for (const auto& entry : entries) CollectLocations(entry.second, prefix, locations);
  } else if (node.path().size() > prefix) {
    (*locations)[node.path().substr(prefix)] = node.Location();
  }
}

}  // namespace

RunConfig ParseRunConfig(const ConfigNode& root) {
  RunConfig config;
  ConfigMap map(root);
  const ConfigNode network = map.Get("network");
  map.Read("network", &config.network);
  if (network.IsPresent() && !HasExtension(config.network, ".onnx") &&
      !IsTopologyNetwork(config.network)) {
    network.Fail(
        fmt::format("expected an ONNX model (.onnx) or a SCALE-Sim topology (.csv) (got \"{}\")",
                    config.network));
  }
  config.dataset = ParseDatasetSpec(map.Get("dataset"));
  config.calibration = ParseCalibrationSpec(map.Get("calibration"));
  config.quant = ParseQuantSpec(map.Get("quant"));
  config.accelerator = ParseAcceleratorSpec(map.Get("accelerator"));
  config.sim = ParseSimSpec(map.Get("sim"));
  config.energy = ParseEnergySpec(map.Get("energy"));
  map.Finish();

  config.source = root.source_name();
  CollectLocations(root, root.path().empty() ? 0 : root.path().size() + 1, &config.locations);
  CheckConsistency(root, config);
  return config;
}

RunConfig ParseRunConfigString(const std::string& yaml_text, const std::string& source_name,
                               const std::vector<std::string>& overrides) {
  return ParseRunConfig(ParseConfigText(yaml_text, source_name, ParseOverrides(overrides)));
}

RunConfig LoadRunConfig(const std::string& path, const std::vector<std::string>& overrides) {
  // Malformed overrides are reported before the file is read.
  const std::vector<Override> parsed = ParseOverrides(overrides);
  RunConfig config = ParseRunConfig(LoadConfigFile(path, parsed));
  CheckInputFiles(config);
  return config;
}

bool IsTopologyNetwork(const std::string& network) { return HasExtension(network, ".csv"); }

void CheckInputFiles(const RunConfig& config) {
  RequireFile(config, "network");
  if (!IsTopologyNetwork(config.network)) {
    RequireFile(config, "dataset.test_images");
    RequireFile(config, "dataset.test_labels");
  }
  if (config.sim.fidelity != Fidelity::kGolden) RequireFile(config, "energy.tech");
}

void Refuse(const RunConfig& config, std::string_view key, std::string_view why) {
  const auto at = config.locations.find(std::string(key));
  throw ConfigError(fmt::format(
      "{}: {}: {}", at == config.locations.end() ? config.source : at->second, key, why));
}

void RequireFile(const RunConfig& config, std::string_view key) {
  namespace fs = std::filesystem;
  const std::string* const file = FilePathAt(config, key);
  if (file == nullptr) {
    throw ConfigError(fmt::format("RequireFile: \"{}\" is not a file path key", key));
  }
  const std::string& path = *file;

  const auto location = config.locations.find(std::string(key));
  std::string where;
  if (location != config.locations.end()) {
    where = location->second + ": ";
  } else if (!config.source.empty()) {
    where = config.source + ": ";
  }
  std::vector<std::string> hints;
  if (location == config.locations.end()) {
    hints.push_back(
        fmt::format("the default; set {} in the config or with --set {}=PATH", key, key));
  }
  std::error_code error;
  if (fs::path(path).is_relative()) {
    hints.push_back("paths are relative to the current directory, " +
                    fs::current_path(error).string());
  }
  const std::string suffix = hints.empty() ? "" : fmt::format(" ({})", fmt::join(hints, "; "));

  if (!fs::exists(path, error)) {
    throw ConfigError(fmt::format("{}{}: file \"{}\" not found{}", where, key, path, suffix));
  }
  if (!fs::is_regular_file(path, error)) {
    throw ConfigError(fmt::format("{}{}: \"{}\" {}{}", where, key, path,
                                  fs::is_directory(path, error)
                                      ? "is a directory; name the file itself"
                                      : "is not a regular file",
                                  suffix));
  }
  if (!std::ifstream(path, std::ios::binary)) {
    throw ConfigError(fmt::format("{}{}: file \"{}\" cannot be read ({})", where, key, path,
                                  std::strerror(errno)));
  }
}

}  // namespace qscale::config
