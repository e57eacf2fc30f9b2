#include "src/config/override.h"

#include <cctype>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "src/config/config_error.h"
#include "src/config/yaml_tree.h"

namespace qscale::config {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string> SplitKeyPath(const std::string& key) {
  std::vector<std::string> components;
  std::string::size_type start = 0;
  while (start <= key.size()) {
    std::string::size_type end = key.find('.', start);
    if (end == std::string::npos) end = key.size();
    components.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return components;
}

// Key paths below `path` that `value` sets: each leaf of a map, or `path` itself.
void CollectLeaves(const YAML::Node& value, const std::string& path,
                   std::vector<std::string>* leaves) {
  if (!value.IsMap() || value.size() == 0) {
    leaves->push_back(path);
    return;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    CollectLeaves(it->second, path + "." + it->first.Scalar(), leaves);
  }
}

void RequireNameKeys(const YAML::Node& value, const Override& override) {
  if (!value.IsMap()) return;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it->first.IsScalar() || !IsKeyPath(it->first.Scalar()) ||
        it->first.Scalar().find('.') != std::string::npos) {
      throw ConfigError(
          fmt::format("{}: map keys must be plain names (letters, digits, '_')", override.origin));
    }
    RequireNameKeys(it->second, override);
  }
}

// Merges map `source` into map `target`: maps recursively, anything else replaced.
void Merge(YAML::Node target, const YAML::Node& source) {
  for (auto it = source.begin(); it != source.end(); ++it) {
    const std::string& key = it->first.Scalar();
    YAML::Node existing = FindChild(target, key);
    if (existing.IsDefined() && existing.IsMap() && it->second.IsMap()) {
      Merge(existing, it->second);
    } else {
      target[key] = it->second;
    }
  }
}

// Drops the origins of `path` and of the keys below it.
void Forget(const std::string& path, std::vector<OverrideOrigin>* origins) {
  std::vector<OverrideOrigin> kept;
  for (auto& entry : *origins) {
    const bool below = entry.path.compare(0, path.size(), path) == 0 &&
                       (entry.path.size() == path.size() || entry.path[path.size()] == '.');
    if (!below) kept.push_back(std::move(entry));
  }
  *origins = std::move(kept);
}

}  // namespace

bool IsKeyPath(std::string_view key) {
  bool component_empty = true;
  for (char c : key) {
    if (c == '.') {
      if (component_empty) return false;
      component_empty = true;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      component_empty = false;
    } else {
      return false;
    }
  }
  return !component_empty;
}

Override ParseOverride(const std::string& text) {
  const std::string::size_type equals = text.find('=');
  if (equals == std::string::npos) {
    throw ConfigError(
        fmt::format("--set {}: expected key.path=value (e.g. --set accelerator.rows=32)", text));
  }
  Override override;
  override.key = std::string(Trim(std::string_view(text).substr(0, equals)));
  override.value = std::string(Trim(std::string_view(text).substr(equals + 1)));
  override.origin = "--set " + text;
  if (!IsKeyPath(override.key)) {
    throw ConfigError(fmt::format("{}: \"{}\" is not a key path ({})", override.origin,
                                  override.key, kKeyPathRule));
  }
  return override;
}

std::vector<Override> ParseOverrides(const std::vector<std::string>& texts) {
  std::vector<Override> overrides;
  overrides.reserve(texts.size());
  for (const std::string& text : texts) overrides.push_back(ParseOverride(text));
  return overrides;
}

void ApplyOverride(const Override& override, ConfigTree* tree) {
  if (!IsKeyPath(override.key)) {
    throw ConfigError(fmt::format("{}: \"{}\" is not a key path", override.origin, override.key));
  }
  YAML::Node value;
  try {
    value = YAML::Load(override.value);
  } catch (const YAML::Exception& e) {
    throw ConfigError(
        fmt::format("{}: the value is not valid YAML: {} (quote the value, e.g. "
                    "--set 'quant.qsq={{levels: 5}}')",
                    override.origin, e.msg));
  }
  RequireNameKeys(value, override);

  if (tree->root.IsNull()) tree->root.reset(YAML::Node(YAML::NodeType::Map));
  if (!tree->root.IsMap()) {
    throw ConfigError(fmt::format("{}: cannot apply {}: the config is not a map of keys",
                                  tree->source, override.origin));
  }
  const std::vector<std::string> components = SplitKeyPath(override.key);
  YAML::Node map = tree->root;
  std::string walked;
  for (size_t i = 0; i + 1 < components.size(); ++i) {
    const std::string& name = components[i];
    walked += (walked.empty() ? "" : ".") + name;
    YAML::Node child = FindChild(map, name);
    if (!child.IsDefined() || child.IsNull()) {
      map[name] = YAML::Node(YAML::NodeType::Map);
      child.reset(FindChild(map, name));
      tree->origins.push_back(OverrideOrigin{walked, override.origin, /*is_key=*/false});
    } else if (!child.IsMap()) {
      throw ConfigError(
          fmt::format("{}: {} holds a value, not a map of keys (set it with --set {}=VALUE)",
                      override.origin, walked, walked));
    }
    // reset() rebinds the handle; operator= would overwrite the node it refers to.
    map.reset(child);
  }

  const std::string& leaf = components.back();
  YAML::Node existing = FindChild(map, leaf);
  if (existing.IsDefined() && existing.IsMap() && value.IsMap()) {
    Merge(existing, value);
  } else {
    map[leaf] = value;
    Forget(override.key, &tree->origins);
  }
  std::vector<std::string> leaves;
  CollectLeaves(value, override.key, &leaves);
  for (const std::string& path : leaves) {
    Forget(path, &tree->origins);
    tree->origins.push_back(OverrideOrigin{path, override.origin, path == override.key});
  }
}

}  // namespace qscale::config
