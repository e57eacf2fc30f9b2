// Command-line style overrides of single config keys: `key.path=value`.
#ifndef QSCALE_SRC_CONFIG_OVERRIDE_H_
#define QSCALE_SRC_CONFIG_OVERRIDE_H_

#include <string>
#include <string_view>
#include <vector>

namespace qscale::config {

// One override. `value` is YAML text parsed as one node, so "32" is an integer, "float" a
// string, "{levels: 5}" a map and "[1, 2]" a list. A map value is merged key by key into a map
// already at `key` (other keys keep their values); any other value replaces what is there.
// Missing parent maps are created.
struct Override {
  std::string key;    // dotted key path, e.g. "accelerator.dram.bytes_per_cycle"; non-empty
                      // names of letters, digits and '_' joined by '.'
  std::string value;  // YAML text, e.g. "16", "qsq", "{levels: 5, mean: true}"; may be empty (null)
  std::string origin;  // how errors name this override, e.g. "--set accelerator.rows=32"
};

// True when `key` is a key path: names of letters, digits and '_' joined by '.', none empty,
// e.g. "accelerator.dram.latency_cycles" (not "accelerator..rows", ".rows" or "a b").
bool IsKeyPath(std::string_view key);
// The rule IsKeyPath checks, as messages about a malformed key path quote it.
inline constexpr std::string_view kKeyPathRule =
    "names of letters, digits and '_' joined by '.', e.g. accelerator.dram.latency_cycles";

// Splits `text` ("key.path=value", as given to `qscale run --set`) at its first '='. The origin
// is "--set " + text. Throws ConfigError when there is no '=' or the key path is malformed, e.g.
//   --set accelerator.rows: expected key.path=value (e.g. --set accelerator.rows=32)
Override ParseOverride(const std::string& text);

// ParseOverride over a list, in order.
std::vector<Override> ParseOverrides(const std::vector<std::string>& texts);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_OVERRIDE_H_
