// A design-space sweep as written in a sweep YAML (DESIGN.md section 5; configs/sweeps/README.md):
//   base:    a config path, or an inline config
//   run:     per-sweep run options: images, fidelity, batch, seed
//   axes:    key path -> list of values (cartesian product, first axis outermost)
//   zip:     groups of key paths whose lists vary together (one more dimension each)
//   exclude: partial points to drop (every listed key has the listed value)
// Expansion gives the points in a fixed order; each point is the base config plus overrides and
// has a stable id derived from its axis values.
#ifndef QSCALE_SRC_SWEEP_SWEEP_SPEC_H_
#define QSCALE_SRC_SWEEP_SWEEP_SPEC_H_

#include <string>
#include <utility>
#include <vector>

#include "src/config/config_node.h"
#include "src/config/override.h"

namespace qscale::sweep {

// One point: its overrides of the base config (axis values, then run options).
struct Point {
  int index = 0;                     // position in the expansion, 0-based
  std::string id;                    // stable: 16 hex digits of FNV-1a over "key=value" lines
  std::vector<std::pair<std::string, std::string>> axes;  // (key path, YAML value), axis order
  std::vector<config::Override> overrides;                // axes + run options, for `qscale run`
};

struct Sweep {
  std::string source;           // the sweep file
  std::string base_path;        // the base config's path, or "" for an inline base
  std::string base_yaml;        // the inline base as one line of YAML ("" with base_path)
  std::vector<std::string> axis_keys;  // every axis key path, in column order
  std::vector<Point> points;    // after exclusion, in expansion order
  std::string fingerprint;      // 16 hex digits identifying the expansion, the run options and
                                // the base config's text (resume and merge compare it)
};

// Parses and expands the sweep file at `path`, and checks every point's config (keys, types,
// ranges, input files) so that a bad axis value fails here, before anything runs. Throws
// config::ConfigError naming the sweep file and line, e.g.
//   configs/sweeps/s.yaml:6: axes.accelerator.rowz: unknown key (did you mean accelerator.rows?)
//   configs/sweeps/s.yaml:9: zip[0]: the lists of quant.nuuq.levels (3) and ... (2) differ in
//   length
Sweep LoadSweep(const std::string& path);

// As LoadSweep, for a sweep already read into `root` from the file named `path`.
Sweep ParseSweep(const config::ConfigNode& root, const std::string& path);

// The most points one sweep may expand to (its points are checked one by one before it runs).
inline constexpr size_t kMaxSweepPoints = 100000;

// The stable id of a point with these axis values (order-independent).
std::string PointId(const std::vector<std::pair<std::string, std::string>>& axes);

}  // namespace qscale::sweep

#endif  // QSCALE_SRC_SWEEP_SWEEP_SPEC_H_
