// The scheme-independent half of quantization: integer formats of activations, biases in
// accumulator units, and the requantization of every array op and Add (DESIGN.md section 1.5).
// A scheme fills each array layer's weights and weight_scale; these functions do the rest.
#ifndef QSCALE_SRC_QUANT_REQUANTIZATION_H_
#define QSCALE_SRC_QUANT_REQUANTIZATION_H_

#include <vector>

#include "src/nn/graph.h"
#include "src/quant/calibrate.h"
#include "src/quant/lower.h"

namespace qscale::quant {

// True for the values that get a scale of their own: the input, and the outputs of array ops
// and Adds. Every other value (pooling, flatten, relu outputs) inherits its input's format.
bool OwnsFormat(const qnn::Network& network, int value);

// Gives every value `bits` and, where it owns its format, scale = max_abs / (2^(bits-1) - 1)
// from the calibrated range of the value it carries (max_abs by nn value id); inherited formats
// are copied in topological order.
void AssignUniformFormats(Lowered& lowered, const std::vector<double>& max_abs, int bits);

// Copies each inheriting value's bits and scale from its op's input, in topological order.
void PropagateFormats(qnn::Network& network);

// The float biases of every array op (by qnn op index; empty for other ops), each corrected for
// the mean shift its quantized weights cause on the calibration data (bias correction, Nagel et
// al. 2019): b'_r = b_r + sum_k (w_rk - weight_scale[r] * weights[r][k]) * E[x_k], where E[x_k]
// is the calibrated mean of input channel k (conv: of the channel the tap reads). Needs every
// layer's weights and weight_scale.
std::vector<std::vector<double>> CorrectedBiases(const Lowered& lowered, const nn::Graph& graph,
                                                 const Calibration& calibration);

// Per array layer, bias[r] = round(float_bias[op][r] / (s_in * weight_scale[r])) clamped to
// int32, stored at 32 bits (storage.bias_bits).
void QuantizeBiases(Lowered& lowered, const std::vector<std::vector<double>>& float_bias);

// Per array layer row, requant[r] = QuantizeMultiplier(s_in * weight_scale[r] / s_out); per Add,
// a_multiplier = round(s_a / s_out * 2^shift) (likewise b) with the largest shift <= 40 that
// keeps both below 2^15. Needs every value's scale and every layer's weight_scale.
void FinishRequantization(qnn::Network& network);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_REQUANTIZATION_H_
