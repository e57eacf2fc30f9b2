#include "src/config/config_map.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "src/config/closest_match.h"
#include "src/config/config_error.h"

namespace qscale::config {
namespace {

// `text` without one leading '+' (std::from_chars accepts '-' only).
std::string_view WithoutPlus(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  return text;
}

bool ParseDouble(std::string_view text, double* value) {
  text = WithoutPlus(text);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty() &&
         std::isfinite(*value);
}

}  // namespace

bool ParseInteger(std::string_view text, int64_t* value) {
  text = WithoutPlus(text);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

ConfigMap::ConfigMap(const ConfigNode& node) : node_(node) {
  if (node.IsPresent() && !node.IsNull() && !node.IsMap()) {
    node.Fail(fmt::format("expected a map of keys (got {})", node.Describe()));
  }
  entries_ = node.Entries();
  for (size_t i = 0; i < entries_.size(); ++i) {
    const auto& [key, value] = entries_[i];
    if (key.empty()) value.Fail("map keys must be plain names");
    for (size_t j = 0; j < i; ++j) {
      if (entries_[j].first == key) {
        value.Fail(
            fmt::format("duplicate key (also set at {}; keep one)", entries_[j].second.Location()));
      }
    }
  }
}

ConfigNode ConfigMap::Get(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  return node_.Child(key);
}

int64_t ConfigMap::ReadInteger(const ConfigNode& node, IntRange range) const {
  int64_t parsed = 0;
  if (!node.IsScalar() || !ParseInteger(node.Scalar(), &parsed)) {
    node.Fail(fmt::format("expected an integer (got {})", node.Describe()));
  }
  if (parsed < range.min) {
    node.FailRequirement(fmt::format("must be >= {} (got {})", range.min, parsed));
  }
  if (parsed > range.max) {
    node.FailRequirement(
        range.max_reason != nullptr
            ? fmt::format("must be <= {} ({}; got {})", range.max, range.max_reason, parsed)
            : fmt::format("must be <= {} (got {})", range.max, parsed));
  }
  return parsed;
}

void ConfigMap::Read(std::string_view key, IntRange range, int* value) {
  const ConfigNode node = Get(key);
  if (node.IsPresent()) *value = static_cast<int>(ReadInteger(node, range));
}

void ConfigMap::Read(std::string_view key, IntRange range, uint32_t* value) {
  const ConfigNode node = Get(key);
  if (node.IsPresent()) *value = static_cast<uint32_t>(ReadInteger(node, range));
}

void ConfigMap::Read(std::string_view key, RealRange range, double* value) {
  const ConfigNode node = Get(key);
  if (!node.IsPresent()) return;
  double parsed = 0;
  if (!node.IsScalar() || !ParseDouble(node.Scalar(), &parsed)) {
    node.Fail(fmt::format("expected a number (got {})", node.Describe()));
  }
  if (range.min_exclusive ? !(parsed > range.min) : parsed < range.min) {
    node.FailRequirement(fmt::format("must be {} {} (got {})",
                                     range.min_exclusive ? ">" : ">=", range.min, node.Scalar()));
  }
  if (parsed > range.max) {
    node.FailRequirement(fmt::format("must be <= {} (got {})", range.max, node.Scalar()));
  }
  *value = parsed;
}

void ConfigMap::Read(std::string_view key, bool* value) {
  const ConfigNode node = Get(key);
  if (!node.IsPresent()) return;
  const std::string& text = node.IsScalar() ? node.Scalar() : std::string();
  if (text == "true" || text == "True" || text == "yes" || text == "on") {
    *value = true;
  } else if (text == "false" || text == "False" || text == "no" || text == "off") {
    *value = false;
  } else {
    node.Fail(fmt::format("expected true or false (got {})", node.Describe()));
  }
}

void ConfigMap::Read(std::string_view key, std::string* value) {
  const ConfigNode node = Get(key);
  if (!node.IsPresent()) return;
  if (!node.IsScalar()) node.Fail(fmt::format("expected a string (got {})", node.Describe()));
  if (node.Scalar().empty()) node.FailRequirement("must not be empty");
  *value = node.Scalar();
}

void ConfigMap::ReadOneOf(std::string_view key, std::initializer_list<int> allowed, int* value) {
  const ConfigNode node = Get(key);
  if (!node.IsPresent()) return;
  const int64_t parsed = ReadInteger(
      node, IntRange{std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()});
  if (std::find(allowed.begin(), allowed.end(), parsed) == allowed.end()) {
    node.FailRequirement(
        fmt::format("must be one of {} (got {})", fmt::join(allowed, ", "), parsed));
  }
  *value = static_cast<int>(parsed);
}

int ConfigMap::ReadChoice(std::string_view key, const std::string_view* names, size_t count,
                          int current) {
  const ConfigNode node = Get(key);
  if (!node.IsPresent()) return current;
  for (size_t i = 0; i < count && node.IsScalar(); ++i) {
    if (names[i] == node.Scalar()) return static_cast<int>(i);
  }
  node.Fail(fmt::format("expected one of {} (got {})", fmt::join(names, names + count, ", "),
                        node.Describe()));
}

void ConfigMap::Finish() const {
  for (const auto& [key, value] : entries_) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    const std::string parent = node_.path().empty() ? "" : node_.path() + ".";
    if (key.find('.') != std::string::npos) {
      value.Fail(
          "unknown key (write nested maps, e.g. \"accelerator: {rows: 16}\", not dotted "
          "keys)");
    }
    const std::string closest = ClosestMatch(key, known_);
    if (!closest.empty()) {
      value.Fail(fmt::format("unknown key (did you mean {}{}?)", parent, closest));
    }
    value.Fail(fmt::format("unknown key (known keys{}: {})",
                           parent.empty() ? "" : " of " + node_.path(), fmt::join(known_, ", ")));
  }
}

}  // namespace qscale::config
