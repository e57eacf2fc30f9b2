#include "src/driver/quant_summary.h"

#include <cmath>
#include <variant>

namespace qscale::driver {
namespace {

// -log2(scale) when the scale is an exact power of two, for fixed-point formats.
int FracBits(double scale) { return -std::ilogb(scale); }

report::NamedValues Details(const qnn::Network& network, const qnn::Op& op) {
  const qnn::Layer& layer = op.layer;
  report::NamedValues details;
  if (const auto* c = std::get_if<qnn::IntCoding>(&layer.code)) {
    details.emplace_back("weight_bits", c->bits);
    if (c->power_of_two) {
      details.emplace_back("weight_frac_bits", c->frac_bits);
      details.emplace_back("bias_bits", c->bias_bits);
      details.emplace_back("bias_frac_bits", c->bias_frac_bits);
      details.emplace_back("activation_frac_bits", FracBits(network.values[op.output].scale));
    }
  } else if (const auto* c = std::get_if<qnn::QsqCoding>(&layer.code)) {
    details.emplace_back("levels", c->levels);
    details.emplace_back("vectors", static_cast<double>(c->scales.size()));
    details.emplace_back("param_bits", c->param_bits);
    details.emplace_back("param_frac_bits", c->frac_bits);
  } else if (const auto* c = std::get_if<qnn::NuuqCoding>(&layer.code)) {
    details.emplace_back("levels", c->levels);
    details.emplace_back("grid_bits", c->grid_bits);
    details.emplace_back("equivalent_bits_per_weight", std::log2(double(c->levels)));
    details.emplace_back("stored_bits_per_weight",
                         static_cast<double>(layer.storage.code_bits) / layer.weights.size());
  } else if (const auto* c = std::get_if<qnn::MsqCoding>(&layer.code)) {
    int sp2 = 0, high = 0;
    for (int r = 0; r < layer.rows; ++r) {
      sp2 += layer.row_kind[r] == qnn::RowKind::kSp2;
      high += c->row_bits[r] > c->bits;
    }
    details.emplace_back("rows", layer.rows);
    details.emplace_back("sp2_rows", sp2);
    details.emplace_back("sp2_row_fraction", static_cast<double>(sp2) / layer.rows);
    details.emplace_back("high_precision_rows", high);
    details.emplace_back("alpha", c->alpha);
  }
  return details;
}

}  // namespace

report::QuantSummary SummarizeQuantization(const qnn::Network& network, int activation_bits) {
  report::QuantSummary summary;
  summary.present = true;
  summary.activation_bits = activation_bits;
  int64_t weights = 0, zeros = 0;
  for (const qnn::Op& op : network.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const qnn::Layer& layer = op.layer;
    report::QuantLayerRow row;
    row.name = op.name;
    row.coding = qnn::WeightCodingName(qnn::CodingOf(layer));
    row.weights = static_cast<int64_t>(layer.weights.size());
    row.code_bits = layer.storage.code_bits;
    row.param_bits = layer.storage.param_bits;
    row.bias_bits = layer.storage.bias_bits;
    int64_t zero = 0;
    for (int32_t w : layer.weights) zero += w == 0;
    row.zero_fraction = row.weights ? static_cast<double>(zero) / row.weights : 0.0;
    row.activation_bits = network.values[op.output].bits;
    row.details = Details(network, op);
    summary.layers.push_back(row);
    weights += row.weights;
    zeros += zero;
    summary.int8_bits += 8 * (row.weights + layer.rows);
  }
  summary.zero_weight_fraction = weights ? static_cast<double>(zeros) / weights : 0.0;
  return summary;
}

}  // namespace qscale::driver
