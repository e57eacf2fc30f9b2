#include "src/config/consistency.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "src/config/run_config.h"

namespace qscale::config {
namespace {

// The node of dotted key path `path` below `root` (absent where the input did not write it).
ConfigNode At(const ConfigNode& root, std::string_view path) {
  ConfigNode node = root;
  while (!path.empty()) {
    const size_t dot = path.find('.');
    node = node.Child(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return node;
}

// The first of `paths` the input wrote, to name in a message; else the first one (its message
// then names the config itself).
ConfigNode Blame(const ConfigNode& root, std::initializer_list<std::string_view> paths) {
  for (std::string_view path : paths) {
    if (const ConfigNode node = At(root, path); node.IsPresent()) return node;
  }
  return At(root, *paths.begin());
}

// "configs/a.yaml:2" where `path` was written, "the default" otherwise.
std::string WhereSet(const RunConfig& config, const std::string& path) {
  const auto it = config.locations.find(path);
  return it != config.locations.end() ? it->second : "the default";
}

void CheckArraySize(const ConfigNode& root, const RunConfig& config) {
  const AcceleratorSpec& a = config.accelerator;
  if (int64_t{a.rows} * a.cols <= kMaxArrayPes) return;
  Blame(root, {"accelerator.cols", "accelerator.rows"})
      .Fail(fmt::format(
          "a {} x {} array has {} PEs, more than the {} qscale models (a TPU-v1-sized 256 x 256 "
          "array; every PE is simulated); lower accelerator.rows or accelerator.cols",
          a.rows, a.cols, int64_t{a.rows} * a.cols, kMaxArrayPes));
}

// With msq, SP2 rows run on the shift-add columns and fixed-point rows on the exact ones: a
// share of rows on one kind needs at least one column of it.
void CheckMsqColumns(const ConfigNode& root, const RunConfig& config) {
  if (config.quant.scheme != QuantScheme::kMsq) return;
  const double ratio = config.quant.msq.sp2_ratio;
  const int cols = config.accelerator.cols;
  const int sp2 = Sp2Columns(ratio, cols);
  const ConfigNode blamed = Blame(root, {"quant.msq.sp2_ratio", "accelerator.cols"});
  if (!(ratio > 0 && sp2 == 0) && !(ratio < 1 && sp2 == cols)) return;
  const char* what =
      sp2 == 0 ? "must give at least one SP2 column" : "must leave at least one fixed-point column";
  // The way out: ratios at 4 decimals, on the safe side of the rounding.
  std::string fix = "with one column, set sp2_ratio to 0 or 1, or add columns";
  if (cols > 1 && sp2 == 0) {
    fix = fmt::format("set sp2_ratio to 0 or to at least {}, or add columns",
                      std::ceil(0.5 / cols * 1e4) / 1e4);
  } else if (cols > 1) {
    fix = fmt::format("set sp2_ratio to 1 or to at most {}, or add columns",
                      std::floor((cols - 0.5) / cols * 1e4 - 1e-6) / 1e4);
  }
  blamed.FailRequirement(
      fmt::format("{}: round(quant.msq.sp2_ratio {} x accelerator.cols {}) = {}{} ({})", what,
                  ratio, cols, sp2, sp2 == cols ? ", every column" : "", fix));
}

void CheckMultiplierScheme(const ConfigNode& root, const RunConfig& config) {
  if (config.accelerator.multiplier != MultiplierKind::kSp2 ||
      config.quant.scheme == QuantScheme::kMsq) {
    return;
  }
  Blame(root, {"accelerator.multiplier", "quant.scheme"})
      .Fail(fmt::format(
          "sp2 multiplies SP2 codes, which only quant.scheme msq produces (quant.scheme is {}, "
          "{}); choose exact, csd or bitserial, or set quant.scheme to msq",
          ToString(config.quant.scheme), WhereSet(config, "quant.scheme")));
}

}  // namespace

int Sp2Columns(double sp2_ratio, int cols) {
  return static_cast<int>(std::round(sp2_ratio * cols));
}

void CheckConsistency(const ConfigNode& root, const RunConfig& config) {
  CheckArraySize(root, config);
  CheckMultiplierScheme(root, config);
  CheckMsqColumns(root, config);
}

}  // namespace qscale::config
