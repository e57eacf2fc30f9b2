// Shared first step of every scheme's weight quantizer.
#ifndef QSCALE_SRC_QUANT_LAYER_INIT_H_
#define QSCALE_SRC_QUANT_LAYER_INIT_H_

#include "src/qnn/network.h"

namespace qscale::quant {

// Sizes the per-weight and per-row fields of `layer` (rows and k already set): weights zeroed,
// every row `weight_bits` wide on the multiplier (RowKind::kMultiplier), weight_scale 1.
inline void InitLayer(qnn::Layer& layer, int weight_bits) {
  layer.weights.assign(static_cast<size_t>(layer.rows) * layer.k, 0);
  layer.row_weight_bits.assign(layer.rows, weight_bits);
  layer.row_kind.assign(layer.rows, qnn::RowKind::kMultiplier);
  layer.weight_scale.assign(layer.rows, 1.0);
}

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_LAYER_INIT_H_
