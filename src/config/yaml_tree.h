// Private to src/config: the yaml-cpp tree behind ConfigNode. Never include it from outside
// src/config; no other part of qscale sees yaml-cpp.
#ifndef QSCALE_SRC_CONFIG_YAML_TREE_H_
#define QSCALE_SRC_CONFIG_YAML_TREE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "src/config/config_node.h"
#include "src/config/override.h"

namespace qscale::config {

// A key path an override wrote.
struct OverrideOrigin {
  std::string path;    // the key path written; covers the keys below it
  std::string origin;  // Override::origin
  bool is_key = true;  // `path` is the override's key (false for a parent map it created)
};

// One parsed document with its overrides applied. Immutable once built.
struct ConfigTree {
  std::string source;               // name used in messages, e.g. "configs/a.yaml"
  std::string text;                 // the document as read, kept to re-read it (WithOverrides)
  std::vector<Override> overrides;  // applied in order; keys from the document root
  YAML::Node root;
  std::vector<OverrideOrigin> origins;  // latest last
};

struct ConfigNode::Rep {
  std::shared_ptr<const ConfigTree> tree;
  YAML::Node node;   // unset (IsDefined() false) for an absent node
  std::string path;  // dotted key path from the root
  int line = 1;      // 1-based line of the node's key in tree->text; 0 when unknown
};

// Applies `override` to tree->root and records its origins. Throws ConfigError naming the
// override when its value is not YAML or its path runs through a value that is not a map.
void ApplyOverride(const Override& override, ConfigTree* tree);

// The first value at `key` of `map`, or an unset node. Never modifies `map` (unlike
// YAML::Node::operator[] on a non-const node).
YAML::Node FindChild(const YAML::Node& map, const std::string& key);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_YAML_TREE_H_
