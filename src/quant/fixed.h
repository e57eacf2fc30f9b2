// The `fixed` scheme: layer-wise fixed-point post-training quantization after Goyal, Vanschoren,
// van Acht and Nijssen (2021), as DESIGN.md section 1.1 states it (checked against the authors'
// public code). A tensor in format (BW, F) holds q(x) = clip(round(x * 2^F), -(2^(BW-1) - 1),
// 2^(BW-1) - 1) / 2^F; BW counts the sign bit, F may be negative or exceed BW, BW = 1 is all
// zeros. Each array layer has its own formats for weights, biases and output activations.
//
// Search (scored on validation images drawn from the training set, never the test set; relative
// loss = (float top-1 - top-1) / float top-1 on them, with the float reference network run with
// the decided formats applied: weights and biases replaced by their quantized values, activations
// fake-quantized): weights layer by layer (budget B/2 * i/L for layer i of L, B =
// quant.fixed.budget), then biases (B/2), then activations (B/2 + B/2 * i/L). Each tensor starts
// at BW 12 (biases 8) with the largest F at which nothing clips, lowers BW and F together while
// within budget, then BW alone, then looks at the 3 x 3 neighbourhood (BW ± 1, F ± 1): the most
// accurate candidate within budget wins, except that a candidate of lower BW within 0.0015 of its
// accuracy is preferred (the lowest such BW). If no candidate is within budget, the most accurate
// one is kept.
//
// Choices qscale makes where the paper is silent: the network input (the image) is layer 1's input
// activation, searched first among the activations, from BW 8 (the images are 8-bit); the
// network's output (the logits) is read out at 16 bits with the largest F that does not clip on
// the calibration images, not searched (the class decision needs no narrow logits, and coarse
// logits only add arg-max ties); an Add's
// output is an activation tensor of the layer before it and is searched with
// that layer's activation budget; the final biases reach the accumulator (unit 2^-(F_in + F_w))
// by an exact left shift, or a rounding right shift when F_b > F_in + F_w.
#ifndef QSCALE_SRC_QUANT_FIXED_H_
#define QSCALE_SRC_QUANT_FIXED_H_

#include <vector>

#include "src/config/quant_spec.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"
#include "src/quant/quantize.h"

namespace qscale::quant {

// A fixed-point format: BW bits including the sign (1..32), F fractional bits (any sign).
struct FixedFormat {
  int bits = 8;
  int frac = 0;
};

// q(x) of the file comment, as a real number.
double FixedQuantize(double x, const FixedFormat& format);

// The largest F at which round(max_abs * 2^F) fits BW bits (nothing clips); BW - 1 when
// max_abs is 0.
int NoClipFrac(double max_abs, int bits);

// Runs the search and returns the quantized network (weights IntCoding with power_of_two set,
// biases at their searched width, activation values at 2^-F scales). data.validation* must hold
// at least one image and data.calibration* at least one (activation ranges of the start F).
qnn::Network QuantizeFixed(const nn::Graph& graph, const config::FixedSpec& spec,
                           const QuantData& data, const QuantProgress& progress);

// Ratios of `network` (from QuantizeFixed) to the same network at uniform 8 bits, as Goyal et al.
// report them, per layer with its (weights, biases, activations) formats: memory = sum of BW x
// count over weights, biases and output activations (per image); multiplication cost = sum of
// BW_w x BW_a x MACs with BW_a the layer's own activation width. The operand view pairs BW_w with
// the width of the layer's input instead (what the multiplier is fed); both are reported.
struct FixedCosts {
  double memory_ratio = 0;
  double multiplication_ratio = 0;          // BW_w x BW_a(layer output)
  double operand_multiplication_ratio = 0;  // BW_w x BW_a(layer input)
};
FixedCosts FixedCostRatios(const qnn::Network& network);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_FIXED_H_
