// Lowers a quantized network onto the accelerator (DESIGN.md section 2): the hardware a config
// describes for this network, and per batch the program the SystemC controller runs (sim/
// program.h): each Conv/Dense as a GEMM in column blocks, k folds and M tiles sized to the
// buffers; pooling and Add on the vector unit.
#ifndef QSCALE_SRC_DRIVER_LOWERING_H_
#define QSCALE_SRC_DRIVER_LOWERING_H_

#include "sim/program.h"
#include "src/config/accelerator_spec.h"
#include "src/config/quant_spec.h"
#include "src/qnn/network.h"

namespace qscale::driver {

// The base multiplier of the array (its non-SP2 columns) for `accelerator.multiplier` under
// `quant`: exact for exact and sp2 (an sp2 array's plain rows multiply exactly) and whenever the
// scheme is msq (its fixed-point rows, DESIGN.md section 2), else csd or bit-serial as named.
golden::MulKind MultiplierKindOf(const config::AcceleratorSpec& accelerator,
                                 const config::QuantSpec& quant);

// The hardware of `accelerator` for `network` quantized with `quant`: the array's base multiplier
// (MultiplierKindOf; with msq, config::Sp2Columns(sp2_ratio, cols) SP2 columns), port widths wide
// enough for every layer (activations, decoded weights, SP2 codes), buffers in bits. Throws
// std::invalid_argument naming the layer when a layer cannot run (SP2 rows but no SP2 columns,
// multiplier rows but only SP2 columns, an accumulator wider than the array supports).
sim::HardwareConfig HardwareFor(const config::AcceleratorSpec& accelerator,
                                const config::QuantSpec& quant, const qnn::Network& network);

// The program of one batch of `images` (>= 1) images. M tiles keep a tile's inputs within half
// the input buffer and its partial sums (ws) or outputs (os) within half the output buffer; a
// layer whose stored weights fit half the weight buffer is fetched once. Throws
// std::invalid_argument when one vector's data alone overflows half a buffer (the message names
// the layer and the key to raise).
sim::Program Lower(const qnn::Network& network, const sim::HardwareConfig& hardware, int images);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_LOWERING_H_
