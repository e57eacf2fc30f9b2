#include "src/quant/qsq.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "src/golden/layer_decode.h"
#include "src/golden/qsq_decoder.h"
#include "src/quant/layer_init.h"
#include "src/quant/rounding.h"

namespace qscale::quant {
namespace {

constexpr int kMaxIterations = 100;
constexpr double kStarts[] = {0.5, 0.75, 1.0, 1.5, 2.0};
constexpr int kFracFieldBits = 8;  // the layer's F, stored once

// Signed multipliers of the scale a weight may take: 0 and ±1, ±2, ±4 (up to `max_e`).
std::vector<double> Multipliers(int levels) {
  std::vector<double> out = {0};
  for (int e = 1; e <= golden::QsqMaxMagnitudeIndex(levels); ++e) {
    out.push_back(std::ldexp(1.0, e - 1));
    out.push_back(-std::ldexp(1.0, e - 1));
  }
  return out;
}

// The level of x: 0 for the zero code, else mean + l * scale; returns the chosen l.
double Nearest(double x, const QsqFit& fit, const std::vector<double>& multipliers) {
  double best_l = 0, best = std::fabs(x);
  for (double l : multipliers) {
    if (l == 0) continue;
    const double d = std::fabs(x - (fit.mean + l * fit.scale));
    if (d < best) best = d, best_l = l;
  }
  return best_l;
}

double Error(const float* w, int n, const QsqFit& fit, const std::vector<double>& multipliers) {
  double sse = 0;
  for (int i = 0; i < n; ++i) {
    const double l = Nearest(w[i], fit, multipliers);
    const double level = l == 0 ? 0 : fit.mean + l * fit.scale;
    sse += (w[i] - level) * (w[i] - level);
  }
  return sse;
}

QsqFit Lloyd(const float* w, int n, QsqFit fit, const std::vector<double>& multipliers,
             bool mean) {
  std::vector<double> assigned(n, std::numeric_limits<double>::quiet_NaN());
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    bool changed = false;
    for (int i = 0; i < n; ++i) {
      const double l = Nearest(w[i], fit, multipliers);
      changed |= l != assigned[i];
      assigned[i] = l;
    }
    if (!changed) break;
    // Least squares over the weights on a non-zero level: w ~ mean + l * scale.
    double count = 0, sl = 0, sll = 0, sx = 0, slx = 0;
    for (int i = 0; i < n; ++i) {
      const double l = assigned[i];
      if (l == 0) continue;
      count += 1, sl += l, sll += l * l, sx += w[i], slx += l * w[i];
    }
    if (count == 0) break;
    const double det = count * sll - sl * sl;
    if (mean && det > 1e-12 * count * sll) {
      fit.mean = (sll * sx - sl * slx) / det;
      fit.scale = (count * slx - sl * sx) / det;
    } else if (mean) {
      fit.mean = (sx - fit.scale * sl) / count;
    } else {
      fit.scale = slx / sll;
    }
    fit.scale = std::fabs(fit.scale);
  }
  return fit;
}

// The scales a vector could have if its weights already lie on one of its level sets (mean
// off), largest first: m / 2^j (j < max_e), m the smallest non-zero |w|, when every |w| is 0 or
// that scale times 1, 2, ..., 2^(max_e - 1) exactly. {0} for an all-zero vector; empty when the
// vector is on no level set.
std::vector<double> ExactScales(const float* w, int n, int levels) {
  const int max_e = golden::QsqMaxMagnitudeIndex(levels);
  double m = std::numeric_limits<double>::infinity();
  for (int i = 0; i < n; ++i) {
    if (w[i] != 0) m = std::min(m, std::fabs(double{w[i]}));
  }
  if (std::isinf(m)) return {0.0};
  std::vector<double> out;
  for (int j = 0; j < max_e; ++j) {
    const double scale = std::ldexp(m, -j);
    bool on_levels = true;
    for (int i = 0; i < n && on_levels; ++i) {
      const double a = std::fabs(double{w[i]});
      bool on = a == 0;
      for (int e = 0; e < max_e && !on; ++e) on = a == std::ldexp(scale, e);
      on_levels = on;
    }
    if (on_levels) out.push_back(scale);
  }
  return out;
}

struct StoredScales {
  int frac_bits = 0;
  std::vector<int32_t> scales;  // per vector
};

// The stored parameters that reproduce weights already on QSQ level sets (mean off) exactly:
// F the largest value at which every vector has an exact scale (ExactScales) equal to an integer
// in [1, 2^(param_bits-1) - 1] times 2^-F (0 for an all-zero vector), each vector taking its
// largest such scale; F = 0 when every weight is 0. The F of these scales by the usual rule
// (the most fractional bits that fit the largest) is this F. nullopt when some vector is on no
// level set or no F fits, as for any trained float network.
std::optional<StoredScales> ExactStoredScales(const float* weights, int64_t count,
                                              int vector_length, int levels, int param_bits) {
  constexpr int kMaxFrac = 200;  // beyond the float range either way
  const double top = std::ldexp(1.0, param_bits - 1) - 1;
  std::vector<std::vector<double>> candidates;
  bool all_zero = true;
  for (int64_t first = 0; first < count; first += vector_length) {
    const int n = static_cast<int>(std::min<int64_t>(vector_length, count - first));
    candidates.push_back(ExactScales(weights + first, n, levels));
    if (candidates.back().empty()) return std::nullopt;
    all_zero &= candidates.back().front() == 0;
  }
  if (all_zero) return StoredScales{0, std::vector<int32_t>(candidates.size(), 0)};
  // The stored integer of a vector's largest exact scale that fits at `frac`, or -1.
  auto stored_at = [top](const std::vector<double>& valid, int frac) {
    for (double scale : valid) {
      const double stored = std::ldexp(scale, frac);
      if (scale == 0) return int32_t{0};
      if (stored == std::floor(stored) && stored >= 1 && stored <= top) {
        return static_cast<int32_t>(stored);
      }
    }
    return int32_t{-1};
  };
  for (int frac = kMaxFrac; frac >= -kMaxFrac; --frac) {
    StoredScales out{frac, {}};
    for (const std::vector<double>& valid : candidates) {
      const int32_t stored = stored_at(valid, frac);
      if (stored < 0) break;
      out.scales.push_back(stored);
    }
    if (out.scales.size() == candidates.size()) return out;
  }
  return std::nullopt;
}

}  // namespace

QsqFit FitQsqVector(const float* weights, int count, int levels, bool mean) {
  const std::vector<double> multipliers = Multipliers(levels);
  double sum = 0, sum2 = 0;
  for (int i = 0; i < count; ++i) sum += weights[i], sum2 += double{weights[i]} * weights[i];
  const double average = count ? sum / count : 0;
  const double std_dev = count ? std::sqrt(std::max(sum2 / count - average * average, 0.0)) : 0;
  QsqFit best;
  double best_error = std::numeric_limits<double>::infinity();
  for (double start : kStarts) {
    QsqFit seed{std_dev * start, mean ? average : 0.0};
    const QsqFit fit = Lloyd(weights, count, seed, multipliers, mean);
    const double error = Error(weights, count, fit, multipliers);
    if (error < best_error) best_error = error, best = fit;
  }
  return best;
}

void QuantizeQsqWeights(const nn::Node& node, const config::QsqSpec& spec,
                        const std::vector<double>* hessian, qnn::Layer& layer) {
  const int param_bits = spec.param_bits;
  InitLayer(layer, golden::QsqWeightBits(param_bits));
  qnn::QsqCoding code;
  code.levels = spec.levels;
  code.per_filter = spec.vector_length == config::kQsqVectorPerFilter;
  code.vector_length = code.per_filter ? layer.k : spec.vector_length;
  code.mean = spec.mean;
  code.param_bits = param_bits;

  const int64_t count = int64_t{layer.rows} * layer.k;
  const int64_t vectors = (count + code.vector_length - 1) / code.vector_length;
  const double top = std::ldexp(1.0, param_bits - 1) - 1;
  std::optional<StoredScales> exact;
  if (!spec.mean) {
    exact = ExactStoredScales(node.weights.data(), count, code.vector_length, spec.levels,
                              param_bits);
  }
  int frac = 0;
  if (exact) {
    frac = exact->frac_bits;
    code.scales = exact->scales;
  } else {
    std::vector<QsqFit> fits(vectors);
    double largest = 0;
    for (int64_t v = 0; v < vectors; ++v) {
      const int64_t first = v * code.vector_length;
      const int n = static_cast<int>(std::min<int64_t>(code.vector_length, count - first));
      fits[v] = FitQsqVector(node.weights.data() + first, n, spec.levels, spec.mean);
      largest = std::max({largest, fits[v].scale, std::fabs(fits[v].mean)});
    }
    // F: the most fractional bits with every parameter inside the signed param_bits range.
    if (largest > 0) {
      frac = static_cast<int>(std::floor(std::log2(top / largest)));
      while (std::round(largest * std::ldexp(1.0, frac)) > top) --frac;
    }
    const double unit = std::ldexp(1.0, frac);
    for (const QsqFit& fit : fits) {
      code.scales.push_back(
          static_cast<int32_t>(std::clamp(std::round(fit.scale * unit), 0.0, top)));
      if (spec.mean) {
        code.means.push_back(
            static_cast<int32_t>(std::clamp(std::round(fit.mean * unit), -top - 1, top)));
      }
    }
  }
  code.frac_bits = frac;
  const double unit = std::ldexp(1.0, frac);

  // Each weight takes the legal code whose decoded integer is nearest to its (possibly
  // compensated) value (the zero code on ties).
  code.codes.resize(count);
  const RoundFn round = [&](int row, int col, double value) {
    const size_t i = static_cast<size_t>(row) * layer.k + col;
    const int v = golden::QsqVectorOf(code, row, col, layer.k);
    const double target = value * unit;
    const int32_t mean = spec.mean ? code.means[v] : 0;
    int best_code = 0;
    double best = std::fabs(target);
    for (int c = 1; c < 8; ++c) {
      if ((c & 3) == 0 || !golden::QsqCodeIsLegal(c, spec.levels)) continue;
      const double d = std::fabs(target - golden::QsqDecode(c, code.scales[v], mean, param_bits));
      if (d < best) best = d, best_code = c;
    }
    code.codes[i] = static_cast<uint8_t>(best_code);
    layer.weights[i] = golden::QsqDecode(best_code, code.scales[v], mean, param_bits);
    return layer.weights[i] / unit;
  };
  if (hessian) {
    CompensatedRounding(*hessian, layer.rows, layer.k, node.weights.data(), round);
  } else {
    NearestRounding(layer.rows, layer.k, node.weights.data(), round);
  }
  std::fill(layer.weight_scale.begin(), layer.weight_scale.end(), std::ldexp(1.0, -frac));
  layer.storage.code_bits = golden::QsqStoredCodeBits(spec.levels) * count;
  layer.storage.param_bits = vectors * param_bits * (spec.mean ? 2 : 1) + kFracFieldBits;
  layer.code = std::move(code);
}

}  // namespace qscale::quant
