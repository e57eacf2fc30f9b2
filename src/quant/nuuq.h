// The `nuuq` scheme: non-uniform levels on a uniform grid (DESIGN.md section 1.3). Per level set
// (an output channel, or the whole layer) N levels are chosen by 1-D k-means over the weights with
// every centroid snapped to the signed B-bit grid of unit u = max|w| / (2^(B-1) - 1):
// quantile starts, then assign (nearest centroid, lower one on ties) / update (mean of the
// cluster) / snap (round to the grid; coinciding centroids are pushed apart to the next free grid
// points) until no assignment changes. The LUT holds the N grid integers in ascending order; each
// weight stores the index of an entry (nearest, or compensated: rounding.h), packed per row
// (golden/nuuq_packing.h).
//
// Values already on at most N grid points (within 1e-4 grid units; e.g. a channel of a network
// fine-tuned by models/qat.py, whose largest |w| is its outermost level, so u is recovered) keep
// exactly those points; unused LUT entries are filled with the free points 0, 1, -1, 2, -2, ...
// k-means could only lose there; trained float weights never take this path.
#ifndef QSCALE_SRC_QUANT_NUUQ_H_
#define QSCALE_SRC_QUANT_NUUQ_H_

#include <cstdint>
#include <vector>

#include "src/config/quant_spec.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"

namespace qscale::quant {

// The N ascending grid integers (each in [-2^(B-1), 2^(B-1) - 1]) k-means picks for `values`,
// already divided by the grid unit. levels: 2..2^grid_bits. Deterministic. Values on at most
// `levels` grid points give those points (see the file comment).
std::vector<int32_t> NuuqLevels(const std::vector<double>& values, int levels, int grid_bits);

// Fills `layer` (rows and k set) with the NUUQ encoding of `node`'s weights: LUTs, indices,
// packed rows, decoded weights, weight_scale (the grid unit of the row's level set),
// row_weight_bits B, storage (packed index bits; N x B bits per LUT and 32 per grid unit).
// Indices are chosen by compensated rounding against `hessian`, or nearest when it is null.
void QuantizeNuuqWeights(const nn::Node& node, const config::NuuqSpec& spec,
                         const std::vector<double>* hessian, qnn::Layer& layer);

}  // namespace qscale::quant

#endif  // QSCALE_SRC_QUANT_NUUQ_H_
