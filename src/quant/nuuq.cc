#include "src/quant/nuuq.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "src/golden/nuuq_decoder.h"
#include "src/golden/nuuq_packing.h"
#include "src/quant/layer_init.h"
#include "src/quant/rounding.h"

namespace qscale::quant {
namespace {

constexpr int kMaxIterations = 200;
constexpr int kUnitBits = 32;  // a grid unit, stored once per level set
constexpr double kOnGrid = 1e-4;  // grid units: a value this close to a grid point is on it

// Index of the level nearest to x (levels ascending; the lower one on ties).
int NearestLevel(double x, const std::vector<int32_t>& levels) {
  const auto above = std::lower_bound(levels.begin(), levels.end(), x,
                                      [](int32_t level, double v) { return level < v; });
  if (above == levels.begin()) return 0;
  if (above == levels.end()) return static_cast<int>(levels.size()) - 1;
  const int hi = static_cast<int>(above - levels.begin());
  return (x - levels[hi - 1] <= levels[hi] - x) ? hi - 1 : hi;
}

// Sorts, then makes the levels distinct grid points in [lo, hi] (N <= hi - lo + 1).
void Separate(std::vector<int32_t>& levels, int32_t lo, int32_t hi) {
  std::sort(levels.begin(), levels.end());
  const int n = static_cast<int>(levels.size());
  for (int j = 1; j < n; ++j) levels[j] = std::max(levels[j], levels[j - 1] + 1);
  for (int j = n - 1; j >= 0; --j) levels[j] = std::min(levels[j], hi - (n - 1 - j));
  for (int j = 0; j < n; ++j) levels[j] = std::max(levels[j], lo + j);
}

// The grid points of `values` when they lie on at most `levels` points of [lo, hi] (within
// kOnGrid), filled up to `levels` with the unused points 0, 1, -1, 2, -2, ..., ascending;
// nullopt otherwise.
std::optional<std::vector<int32_t>> ExactGridLevels(const std::vector<double>& values,
                                                    int levels, int32_t lo, int32_t hi) {
  std::set<int32_t> points;
  for (double v : values) {
    const double point = std::round(v);
    if (std::fabs(v - point) > kOnGrid || point < lo || point > hi) return std::nullopt;
    points.insert(static_cast<int32_t>(point));
    if (static_cast<int>(points.size()) > levels) return std::nullopt;
  }
  for (int32_t g = 0; static_cast<int>(points.size()) < levels; ++g) {
    for (int32_t c : {g, -g}) {
      if (c >= lo && c <= hi && static_cast<int>(points.size()) < levels) points.insert(c);
    }
  }
  return std::vector<int32_t>(points.begin(), points.end());
}

}  // namespace

std::vector<int32_t> NuuqLevels(const std::vector<double>& values, int levels, int grid_bits) {
  const int32_t hi = (1 << (grid_bits - 1)) - 1;
  const int32_t lo = -hi - 1;
  if (std::optional<std::vector<int32_t>> exact = ExactGridLevels(values, levels, lo, hi)) {
    return *exact;
  }
  auto snap = [lo, hi](double x) {
    return static_cast<int32_t>(std::clamp<double>(std::round(x), lo, hi));
  };
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int32_t> centroids(levels, 0);
  const size_t n = sorted.size();
  for (int j = 0; j < levels && n > 0; ++j) {
    centroids[j] = snap(sorted[std::min(n - 1, static_cast<size_t>((j + 0.5) * n / levels))]);
  }
  Separate(centroids, lo, hi);

  std::vector<int> assigned(n, -1);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    bool changed = false;
    std::vector<double> sum(levels, 0);
    std::vector<int64_t> count(levels, 0);
    for (size_t i = 0; i < n; ++i) {
      const int j = NearestLevel(sorted[i], centroids);
      changed |= j != assigned[i];
      assigned[i] = j;
      sum[j] += sorted[i];
      ++count[j];
    }
    if (!changed) break;
    for (int j = 0; j < levels; ++j) {
      if (count[j] > 0) centroids[j] = snap(sum[j] / static_cast<double>(count[j]));
    }
    Separate(centroids, lo, hi);
  }
  return centroids;
}

void QuantizeNuuqWeights(const nn::Node& node, const config::NuuqSpec& spec,
                         const std::vector<double>* hessian, qnn::Layer& layer) {
  InitLayer(layer, spec.grid_bits);
  qnn::NuuqCoding code;
  code.levels = spec.levels;
  code.grid_bits = spec.grid_bits;
  code.per_channel = spec.granularity == config::NuuqGranularity::kChannel;
  code.dense = spec.packing == config::NuuqPacking::kDense;
  const golden::NuuqPacking packing =
      code.dense ? golden::NuuqPacking::kDense : golden::NuuqPacking::kAligned;
  const double top = std::ldexp(1.0, spec.grid_bits - 1) - 1;
  const int sets = code.per_channel ? layer.rows : 1;
  const int64_t per_set = int64_t{layer.k} * (code.per_channel ? 1 : layer.rows);

  code.indices.resize(static_cast<size_t>(layer.rows) * layer.k);
  for (int set = 0; set < sets; ++set) {
    const float* w = node.weights.data() + set * per_set;
    double max_abs = 0;
    for (int64_t i = 0; i < per_set; ++i) max_abs = std::max(max_abs, std::fabs(double{w[i]}));
    const double unit = max_abs > 0 ? max_abs / top : 1.0;
    std::vector<double> values(w, w + per_set);
    for (double& v : values) v /= unit;
    code.luts.push_back(NuuqLevels(values, spec.levels, spec.grid_bits));
    const int first_row = code.per_channel ? set : 0;
    const int rows = code.per_channel ? 1 : layer.rows;
    std::fill_n(layer.weight_scale.begin() + first_row, rows, unit);
  }
  const RoundFn round = [&](int row, int col, double value) {
    const size_t at = static_cast<size_t>(row) * layer.k + col;
    const std::vector<int32_t>& lut = code.luts[code.per_channel ? row : 0];
    const double unit = layer.weight_scale[row];
    code.indices[at] = static_cast<uint16_t>(NearestLevel(value / unit, lut));
    layer.weights[at] = golden::NuuqDecode(code.indices[at], lut, spec.grid_bits);
    return layer.weights[at] * unit;
  };
  if (hessian) {
    CompensatedRounding(*hessian, layer.rows, layer.k, node.weights.data(), round);
  } else {
    NearestRounding(layer.rows, layer.k, node.weights.data(), round);
  }
  for (int r = 0; r < layer.rows; ++r) {
    const auto first = code.indices.begin() + static_cast<int64_t>(r) * layer.k;
    const std::vector<int> row(first, first + layer.k);
    code.packed_rows.push_back(golden::PackIndices(row, spec.levels, packing));
    layer.storage.code_bits += golden::PackedBits(layer.k, spec.levels, packing);
  }
  layer.storage.param_bits = int64_t{sets} * (int64_t{spec.levels} * spec.grid_bits + kUnitBits);
  layer.code = std::move(code);
}

}  // namespace qscale::quant
