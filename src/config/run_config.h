// A whole run configuration: one typed Spec per component, read from YAML with overrides.
// The keys are the contract of DESIGN.md section 5; configs/README.md documents each one and
// configs/default.yaml sets them all.
#ifndef QSCALE_SRC_CONFIG_RUN_CONFIG_H_
#define QSCALE_SRC_CONFIG_RUN_CONFIG_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/accelerator_spec.h"
#include "src/config/config_error.h"
#include "src/config/config_node.h"
#include "src/config/dataset_spec.h"
#include "src/config/energy_spec.h"
#include "src/config/quant_spec.h"
#include "src/config/sim_spec.h"

namespace qscale::config {

// Every field defaults to DESIGN.md section 5's example; a key absent from the YAML keeps it.
// File paths are used as written: relative ones resolve against the current working directory
// of the process, never against the config file's directory.
struct RunConfig {
  std::string network = "models/lenet5_fmnist.onnx";  // ONNX model (.onnx) or SCALE-Sim topology
                                                      // (.csv: shapes only, random weights)
  DatasetSpec dataset;
  CalibrationSpec calibration;
  QuantSpec quant;
  AcceleratorSpec accelerator;
  SimSpec sim;
  EnergySpec energy;

  // The config's name in messages: the file path, or ParseRunConfigString's `source_name`.
  // "" for a default-constructed config.
  std::string source;
  // Key path (e.g. "dataset.test_images") -> where it was set, "configs/a.yaml:4" or
  // "--set dataset.test_images=x.gz", for each key the input wrote. Absent keys hold defaults.
  std::map<std::string, std::string> locations;
};

// Reads a whole config from `root` (ParseConfigText / LoadConfigFile, or an inline config in a
// larger document). Checks keys, types and ranges, not files. Throws ConfigError naming the file
// and line, e.g.
//   configs/a.yaml:7: accelerator.rowz: unknown key (did you mean accelerator.rows?)
//   --set accelerator.rowz=32: unknown key (did you mean accelerator.rows?)
RunConfig ParseRunConfig(const ConfigNode& root);

// ParseRunConfig of `yaml_text` named `source_name` in messages, after `overrides` (each
// "key.path=value" as given to --set; see Override). Touches no file.
RunConfig ParseRunConfigString(const std::string& yaml_text, const std::string& source_name,
                               const std::vector<std::string>& overrides = {});

// Reads the config file at `path`, applies `overrides` ("key.path=value", in order), parses it
// and checks the input files (CheckInputFiles). The config a `qscale run` uses. Throws
// ConfigError, e.g. "configs/x.yaml: cannot open config file (no such file; ...)".
RunConfig LoadRunConfig(const std::string& path, const std::vector<std::string>& overrides = {});

// True when `network` names a SCALE-Sim topology (ends in .csv, any case) rather than an ONNX
// model (.onnx); ParseRunConfig accepts only these two.
bool IsTopologyNetwork(const std::string& network);

// RequireFile for `network` and, for an ONNX network, `dataset.test_images` and
// `dataset.test_labels`. Training files and the technology table are checked by the code that
// reads them (RequireFile(config, "dataset.train_images"), ...), since not every run needs them.
void CheckInputFiles(const RunConfig& config);

// Throws ConfigError unless the path at `key` names a readable regular file. `key` is a file path
// key: network, dataset.test_images, dataset.test_labels, dataset.train_images,
// dataset.train_labels or energy.tech. E.g.
//   configs/default.yaml:1: network: file "models/x.onnx" not found (paths are relative to the
//   current directory, /home/me/qscale)
void RequireFile(const RunConfig& config, std::string_view key);

// Throws ConfigError "<where key was set>: <key>: <why>" (the config's name when the key holds
// its default): a valid key whose value the job at hand cannot use. `why` says what to do.
[[noreturn]] void Refuse(const RunConfig& config, std::string_view key, std::string_view why);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_RUN_CONFIG_H_
