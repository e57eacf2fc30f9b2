// Reads the keys of one YAML map into typed fields, checking type and range, and rejects keys it
// was not asked for. Every Spec's Parse function is written with it.
#ifndef QSCALE_SRC_CONFIG_CONFIG_MAP_H_
#define QSCALE_SRC_CONFIG_CONFIG_MAP_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/config_node.h"

namespace qscale::config {

// Allowed values of an integer key, both ends included.
struct IntRange {
  int64_t min;
  int64_t max;
  // Why `max` is the limit, quoted when a value exceeds it ("must be <= 65536 (64 MiB, the
  // largest on-chip buffer qscale models; got 1048576)"); nullptr when the bound speaks for itself.
  const char* max_reason = nullptr;
};

// Allowed values of a real key: min (excluded when `min_exclusive`) up to max included.
struct RealRange {
  double min;
  double max;
  bool min_exclusive = false;
};

// Parses a whole decimal integer scalar ("16", "-4", "+3"); false for anything else ("16.0",
// "0x10", "sixteen", out of int64 range).
bool ParseInteger(std::string_view text, int64_t* value);

class ConfigMap {
 public:
  // Starts reading `node`. An absent or empty (`key:`) node reads as a map with no keys, so every
  // field keeps its default. Throws ConfigError when `node` is something else than a map, or
  // holds a key twice or a key that is not a name.
  explicit ConfigMap(const ConfigNode& node);

  // The value at `key`, marking `key` as known; absent if the map has none. For nested maps and
  // values with a shape of their own.
  ConfigNode Get(std::string_view key);

  // Each Read leaves `*value` unchanged when `key` is absent, and otherwise replaces it or throws
  // ConfigError naming the key's file and line, e.g.
  //   configs/a.yaml:5: accelerator.rows: expected an integer (got "sixteen")
  //   configs/a.yaml:5: accelerator.rows must be <= 1024 (got 2000)
  void Read(std::string_view key, IntRange range, int* value);
  void Read(std::string_view key, IntRange range, uint32_t* value);
  void Read(std::string_view key, RealRange range, double* value);
  // true / false (also yes / no, on / off).
  void Read(std::string_view key, bool* value);
  // Any non-empty scalar (file paths, names).
  void Read(std::string_view key, std::string* value);
  // An integer that must be one of `allowed`: "must be one of 3, 5, 7 (got 4)".
  void ReadOneOf(std::string_view key, std::initializer_list<int> allowed, int* value);
  // One of `names`; `*value` becomes the enumerator whose underlying value is the name's index:
  //   quant.scheme: expected one of float, int8, fixed, qsq, nuuq, msq (got "qsx")
  template <typename Enum, size_t N>
  void ReadEnum(std::string_view key, const std::array<std::string_view, N>& names, Enum* value) {
    *value = static_cast<Enum>(ReadChoice(key, names.data(), N, static_cast<int>(*value)));
  }

  // Throws ConfigError for the first key (in document order) that no Get/Read asked for:
  //   configs/a.yaml:7: accelerator.rowz: unknown key (did you mean accelerator.rows?)
  // naming the closest known key when one is close, or else listing the known keys.
  void Finish() const;

 private:
  int ReadChoice(std::string_view key, const std::string_view* names, size_t count, int current);
  int64_t ReadInteger(const ConfigNode& node, IntRange range) const;

  ConfigNode node_;
  std::vector<std::pair<std::string, ConfigNode>> entries_;
  std::vector<std::string> known_;  // keys asked for so far, in order
};

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONFIG_MAP_H_
