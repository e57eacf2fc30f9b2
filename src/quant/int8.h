// The `int8` scheme ("commercial tool" baseline, DESIGN.md section 1): symmetric per-channel
// weights, w_q = clamp(round(w / s_r), -127, 127) with s_r = max|w_r| / 127 per output channel,
// stored as 8-bit integers; activations per-tensor at quant.activation_bits; int32 biases;
// TFLite-style integer requantization (src/golden/requantize.h).
#ifndef QSCALE_SRC_QUANT_INT8_H_
#define QSCALE_SRC_QUANT_INT8_H_

#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

// Fills `layer` (rows and k already set) with the int8 weights of `node`: weights,
// row_weight_bits (8), row_kind, weight_scale (s_r), code (IntCoding{8}) and storage (8 bits per
// weight; 32 bits per row for s_r).
void QuantizeInt8Weights(const nn::Node& node, qnn::Layer& layer);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_INT8_H_
