// A read-only view of one node of a parsed YAML configuration, carrying what error messages need:
// its key path from the document root and where it came from (file and line, or an override).
// This is the yaml-cpp-free face of the YAML tree; src/config is the only yaml-cpp user.
#ifndef QSCALE_SRC_CONFIG_CONFIG_NODE_H_
#define QSCALE_SRC_CONFIG_CONFIG_NODE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/config/override.h"

namespace qscale::config {

class ConfigNode {
 public:
  // An absent node (a key missing from its map). Reading it yields defaults.
  ConfigNode() = default;

  // False for a key missing from its map or an index past the end of a list.
  bool IsPresent() const;
  // True for a key written with no value (`calibration:`).
  bool IsNull() const;
  // True for a value such as `16`, `qsq` or `"a b"`.
  bool IsScalar() const;
  // True for a map of keys, block (`sram:` + indented keys) or flow (`{rows: 16}`).
  bool IsMap() const;
  // True for a list, block (`- 8`) or flow (`[8, 16]`).
  bool IsSequence() const;

  // Dotted key path from the document root, e.g. "accelerator.sram.weight_kib"; list elements
  // add "[i]" (0-based). "" for the root.
  const std::string& path() const;
  // The name of the document the node belongs to ("configs/a.yaml"); "" for a default node.
  const std::string& source_name() const;
  // Where the node was written: "configs/a.yaml:12" (1-based line of its key) or, for a node an
  // override put there, the override's origin ("--set accelerator.rows=32").
  std::string Location() const;
  // The text of a scalar, as written (unquoted). "" for a non-scalar.
  const std::string& Scalar() const;
  // The node as error messages quote it: "\"sixteen\"", "a map", "a list" or "no value".
  std::string Describe() const;

  // Key and value of each entry of a map, in document order, duplicates included; each value
  // carries its key's line. Empty for a non-map.
  std::vector<std::pair<std::string, ConfigNode>> Entries() const;
  // The value at `key` of a map (the first, if duplicated); absent if there is none.
  ConfigNode Child(std::string_view key) const;

  // Number of elements of a list; 0 for a non-list.
  size_t size() const;
  // Element `index` of a list (0-based); absent past the end.
  ConfigNode Element(size_t index) const;

  // The node as one line of flow-style YAML, e.g. "{levels: 5, mean: true}", usable as an
  // Override value.
  std::string ToYaml() const;

  // This node re-read with `overrides` applied, their keys relative to this node (an inline
  // config in a sweep file takes the sweep's axis values this way). Lines of untouched keys are
  // kept. Throws ConfigError as ParseConfigText does.
  ConfigNode WithOverrides(const std::vector<Override>& overrides) const;

  // Throws ConfigError "<Location()>: <path>: <problem>", e.g. problem "unknown key (did you mean
  // accelerator.rows?)". Where an override set exactly this key its origin already names it, and
  // the message is "<origin>: <problem>".
  [[noreturn]] void Fail(std::string_view problem) const;
  // Throws ConfigError "<Location()>: <path> <requirement>", e.g. requirement "must be > 0 (got
  // -4)"; "<origin>: <requirement>" where an override set exactly this key.
  [[noreturn]] void FailRequirement(std::string_view requirement) const;

  struct Rep;  // The yaml-cpp side; see src/config/yaml_tree.h.

 private:
  friend ConfigNode MakeConfigNode(std::shared_ptr<const Rep> rep);
  explicit ConfigNode(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
  // The message Fail and FailRequirement throw: location, path, `separator`, `text`.
  std::string Compose(std::string_view separator, std::string_view text) const;

  std::shared_ptr<const Rep> rep_;
};

// Parses `text` as one YAML document named `source_name` in messages (a path, or e.g. "<sweep
// point 3>") and applies `overrides` in order. The root must be a map, or empty (all defaults).
// Throws ConfigError for malformed YAML ("configs/a.yaml:4: malformed YAML: ..."), more than one
// document, or an override that cannot be applied (its path runs through a non-map value).
ConfigNode ParseConfigText(const std::string& text, const std::string& source_name,
                           const std::vector<Override>& overrides = {});

// The text of the config file at `path` (relative paths resolve against the current working
// directory). Throws ConfigError "<path>: cannot open config file (...)" when it cannot be read.
std::string ReadConfigText(const std::string& path);

// Reads the file at `path` (ReadConfigText) and parses it as ParseConfigText does. Throws
// ConfigError "<path>: cannot open config file (...)" when the file cannot be read.
ConfigNode LoadConfigFile(const std::string& path, const std::vector<Override>& overrides = {});

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONFIG_NODE_H_
