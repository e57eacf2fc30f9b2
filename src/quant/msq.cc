#include "src/quant/msq.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "src/golden/sp2_decoder.h"
#include "src/golden/wrap.h"
#include "src/quant/layer_init.h"
#include "src/quant/rounding.h"

namespace qscale::quant {
namespace {

constexpr int kHighBits = 8;
constexpr int kAlphaSteps = 11;  // alpha / max|w| = 0.50, 0.55, ..., 1.00
constexpr int kAlphaBits = 32;
constexpr int kRowFlagBits = 2;  // scheme and precision of a row

// The levels of one row format, in units of alpha, ascending, each with its code.
struct Format {
  bool sp2 = false;
  int bits = 4;
  double unit = 1;              // real value of one w_int step, in units of alpha
  std::vector<double> values;   // ascending level values / alpha
  std::vector<int> codes;       // code of each value
  std::vector<int32_t> w_ints;  // w_int of each value
};

Format FixedFormat(int bits) {
  Format f;
  f.bits = bits;
  const int top = (1 << (bits - 1)) - 1;
  f.unit = 1.0 / top;
  for (int c = -top; c <= top; ++c) {
    f.values.push_back(c * f.unit);
    f.codes.push_back(static_cast<int>(golden::WrapUnsigned(c, bits)));
    f.w_ints.push_back(c);
  }
  return f;
}

Format Sp2Format(int bits) {
  Format f;
  f.sp2 = true;
  f.bits = bits;
  f.unit = std::ldexp(1.0, -golden::Sp2MaxExponent(golden::Sp2FormatForBits(bits)));
  std::vector<std::pair<int32_t, int>> levels;  // (w_int, code), the smallest code per value
  for (int code = 0; code < (1 << bits); ++code) levels.emplace_back(golden::Sp2Weight(code, bits), code);
  std::sort(levels.begin(), levels.end());
  for (const auto& [w_int, code] : levels) {
    if (!f.w_ints.empty() && f.w_ints.back() == w_int) continue;
    f.values.push_back(w_int * f.unit);
    f.codes.push_back(code);
    f.w_ints.push_back(w_int);
  }
  return f;
}

// Index of the level of `format` nearest to x (in units of alpha); the lower one on ties.
int Nearest(const Format& format, double x) {
  const auto above = std::lower_bound(format.values.begin(), format.values.end(), x);
  if (above == format.values.begin()) return 0;
  if (above == format.values.end()) return static_cast<int>(format.values.size()) - 1;
  const int hi = static_cast<int>(above - format.values.begin());
  return (x - format.values[hi - 1] <= format.values[hi] - x) ? hi - 1 : hi;
}

double RowError(const Format& format, const float* w, int k, double alpha) {
  double sse = 0;
  for (int i = 0; i < k; ++i) {
    const double d = w[i] - alpha * format.values[Nearest(format, w[i] / alpha)];
    sse += d * d;
  }
  return sse;
}

// Row indices sorted by key ascending (ties by index).
std::vector<int> Ranked(const std::vector<double>& key) {
  std::vector<int> order(key.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&key](int a, int b) { return key[a] < key[b]; });
  return order;
}

struct Assignment {
  double error = 0;
  std::vector<bool> high;  // 8-bit row
  std::vector<bool> sp2;   // SP2 row
};

}  // namespace

void QuantizeMsqWeights(const nn::Node& node, const config::MsqSpec& spec,
                        const std::vector<double>* hessian, qnn::Layer& layer) {
  const int rows = layer.rows, k = layer.k;
  const Format fixed_lo = FixedFormat(spec.bits), sp2_lo = Sp2Format(spec.bits);
  const Format fixed_hi = FixedFormat(kHighBits), sp2_hi = Sp2Format(kHighBits);
  const int high_rows = static_cast<int>(std::lround(spec.high_precision_ratio * rows));
  const int sp2_rows = static_cast<int>(std::lround(spec.sp2_ratio * rows));
  double max_abs = 0;
  for (float w : node.weights) max_abs = std::max(max_abs, std::fabs(double{w}));
  if (max_abs == 0) max_abs = 1;

  Assignment best;
  double best_alpha = max_abs;
  for (int step = 0; step < kAlphaSteps; ++step) {
    const double alpha = max_abs * (0.5 + 0.05 * step);
    std::vector<double> fix_lo(rows), s_lo(rows), fix_hi(rows), s_hi(rows), low_error(rows);
    for (int r = 0; r < rows; ++r) {
      const float* w = node.weights.data() + static_cast<size_t>(r) * k;
      fix_lo[r] = RowError(fixed_lo, w, k, alpha);
      s_lo[r] = RowError(sp2_lo, w, k, alpha);
      fix_hi[r] = RowError(fixed_hi, w, k, alpha);
      s_hi[r] = RowError(sp2_hi, w, k, alpha);
      low_error[r] = -std::min(fix_lo[r], s_lo[r]);  // largest error first
    }
    Assignment a;
    a.high.assign(rows, false);
    a.sp2.assign(rows, false);
    const std::vector<int> by_error = Ranked(low_error);
    for (int i = 0; i < high_rows; ++i) a.high[by_error[i]] = true;
    std::vector<double> preference(rows);
    for (int r = 0; r < rows; ++r) {
      preference[r] = a.high[r] ? s_hi[r] - fix_hi[r] : s_lo[r] - fix_lo[r];
    }
    const std::vector<int> by_preference = Ranked(preference);
    for (int i = 0; i < sp2_rows; ++i) a.sp2[by_preference[i]] = true;
    for (int r = 0; r < rows; ++r) {
      a.error += a.high[r] ? (a.sp2[r] ? s_hi[r] : fix_hi[r]) : (a.sp2[r] ? s_lo[r] : fix_lo[r]);
    }
    if (step == 0 || a.error < best.error) best = a, best_alpha = alpha;
  }

  InitLayer(layer, spec.bits);
  qnn::MsqCoding code;
  code.bits = spec.bits;
  code.alpha = best_alpha;
  code.row_bits.resize(rows);
  code.codes.resize(static_cast<size_t>(rows) * k);
  std::vector<const Format*> formats(rows);
  for (int r = 0; r < rows; ++r) {
    const int bits = best.high[r] ? kHighBits : spec.bits;
    formats[r] = best.sp2[r] ? (best.high[r] ? &sp2_hi : &sp2_lo)
                             : (best.high[r] ? &fixed_hi : &fixed_lo);
    code.row_bits[r] = static_cast<uint8_t>(bits);
    layer.row_kind[r] = best.sp2[r] ? qnn::RowKind::kSp2 : qnn::RowKind::kMultiplier;
    layer.row_weight_bits[r] = best.sp2[r] ? golden::Sp2WeightBits(bits) : bits;
    layer.weight_scale[r] = best_alpha * formats[r]->unit;
    layer.storage.code_bits += int64_t{bits} * k;
  }
  const RoundFn round = [&](int row, int col, double value) {
    const size_t at = static_cast<size_t>(row) * k + col;
    const Format& format = *formats[row];
    const int level = Nearest(format, value / best_alpha);
    code.codes[at] = static_cast<uint8_t>(format.codes[level]);
    layer.weights[at] = format.w_ints[level];
    return best_alpha * format.values[level];
  };
  if (hessian) {
    CompensatedRounding(*hessian, rows, k, node.weights.data(), round);
  } else {
    NearestRounding(rows, k, node.weights.data(), round);
  }
  layer.storage.param_bits = kAlphaBits + int64_t{kRowFlagBits} * rows;
  layer.code = std::move(code);
}

}  // namespace qscale::quant
