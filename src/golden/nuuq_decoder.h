// NUUQ level-LUT weight decoder (DESIGN.md section 1.3). Golden model of
// rtl/decoders/nuuq_decoder.sv.
//
// A layer (or output channel) has N levels, N = `nuuq.levels` in 2..256, whose values lie on a
// uniform signed grid of B = `nuuq.grid_bits` bits (2..16). A weight is stored as its level
// index; the decoder is a per-layer table of N entries, loaded once per layer, that maps the
// index to the B-bit grid value fed to the multiplier.
#ifndef QSCALE_SRC_GOLDEN_NUUQ_DECODER_H_
#define QSCALE_SRC_GOLDEN_NUUQ_DECODER_H_

#include <cstdint>
#include <vector>

namespace qscale::golden {

inline constexpr int kNuuqMinLevels = 2;
inline constexpr int kNuuqMaxLevels = 256;
inline constexpr int kNuuqMinGridBits = 2;
inline constexpr int kNuuqMaxGridBits = 16;

// Registered output: an index presented in cycle t is decoded on the output in cycle t+1.
inline constexpr int kNuuqDecoderLatency = 1;

// Width of the decoder's index port and of an aligned stored index: ceil(log2 levels), e.g.
// 2 -> 1, 3 -> 2, 4 -> 2, 5 -> 3, 256 -> 8. Throws std::invalid_argument unless levels is in
// 2..256.
int NuuqIndexBits(int levels);

// Decodes one index. lut: the layer's N = lut.size() entries (2..256), each a signed grid_bits
// (2..16) wide value; an entry outside that range is wrapped like the B-bit table register it
// is loaded into (low bits, sign-extended; see wrap.h). Returns lut[index], signed, grid_bits
// wide, for 0 <= index < N. An index outside 0..N-1 decodes to 0: the RTL table has
// 2^NuuqIndexBits(N) rows and the rows at N and above are held at zero.
// Throws std::invalid_argument if lut.size() or grid_bits is out of range.
// E.g. lut = {-96, -7, 12, 101}, B = 8: index 2 -> 12, index 4 -> 0. Latency: kNuuqDecoderLatency.
int32_t NuuqDecode(int index, const std::vector<int32_t>& lut, int grid_bits);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_NUUQ_DECODER_H_
