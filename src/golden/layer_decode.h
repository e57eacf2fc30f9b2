// The weight-load path of one layer as the hardware performs it: stored codes (and for NUUQ the
// packed index stream) through the golden decoder of the layer's coding, giving the integer
// weights the PEs hold. The quantizers' round-trip oracle: DecodeLayerWeights(layer) must equal
// layer.weights for every layer a quantizer produces.
#ifndef QSCALE_SRC_GOLDEN_LAYER_DECODE_H_
#define QSCALE_SRC_GOLDEN_LAYER_DECODE_H_

#include <cstdint>
#include <vector>

#include "src/qnn/network.h"

namespace qscale::golden {

// rows x k decoded weights, row-major:
//   kInt:  each stored integer read at IntCoding::bits (WrapSigned)
//   kQsq:  QsqDecode(code, scale[v], mean[v] (0 without mean), param_bits), v the weight's vector
//   kNuuq: NuuqDecode(index, lut of the row, grid_bits), the indices unpacked from packed_rows
//   kMsq:  Sp2Weight(code, row_bits) on SP2 rows, WrapSigned(code, row_bits) on the others
// Throws std::invalid_argument when the encoding is inconsistent (sizes, a packed row whose
// indices differ from `indices`).
std::vector<int32_t> DecodeLayerWeights(const qnn::Layer& layer);

// The vector (index into QsqCoding::scales) that weight (row, k) belongs to.
int QsqVectorOf(const qnn::QsqCoding& qsq, int row, int k, int k_per_row);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_LAYER_DECODE_H_
