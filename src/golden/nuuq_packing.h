// Storage of NUUQ level indices (DESIGN.md section 1.3): dense (base-N groups) or aligned
// (ceil(log2 N) bits each). Golden model of the weight-memory format read by
// rtl/decoders/nuuq_unpack.sv and of the bits counted in `memory.weight_bits`.
//
// Dense packing. g consecutive indices x_0 .. x_(g-1) (each in 0..N-1) form one group whose value
// is the base-N number V = x_0 + x_1 * N + ... + x_(g-1) * N^(g-1) (x_0 least significant),
// stored in GroupBits(N, g) = ceil(g * log2 N) bits, the fewest that hold N^g - 1. The group size
// g = NuuqDenseGroup(N).indices is the one that minimises bits per index, ceil(g log2 N) / g,
// over all g whose group fits in 64 bits; ties go to the smaller g. Examples (g, bits, bits per
// index): N = 3 -> (29, 46, 1.586) where 5 per byte would give 1.6; N = 5 -> (3, 7, 2.333);
// N = 6 -> (17, 44, 2.588). A power of two N = 2^k gives g = 1 with k bits (dense and aligned
// coincide), and so do N whose fractional log2 no group up to 64 bits improves (e.g. N = 31).
// docs/golden_units.md lists more.
// A tail of r < g indices (count not a multiple of g) is one short group of GroupBits(N, r) bits.
//
// Aligned packing. Each index is one group of NuuqIndexBits(N) = ceil(log2 N) bits.
//
// Bit stream. Groups are concatenated in index order, each LSB first: bit j of the stream is
// bit (j mod 8) of byte j / 8, and group i starts right after group i - 1 (no padding between
// groups; groups may straddle bytes). The last byte is zero-padded.
//
// This file fixes the format only; it has no latency of its own (unpacking happens in the
// weight-load path, whose timing the accelerator model owns).
#ifndef QSCALE_SRC_GOLDEN_NUUQ_PACKING_H_
#define QSCALE_SRC_GOLDEN_NUUQ_PACKING_H_

#include <cstdint>
#include <vector>

namespace qscale::golden {

// `nuuq.packing`: kDense = base-N groups, kAligned = ceil(log2 N) bits per index.
enum class NuuqPacking { kDense, kAligned };

// Size of one dense group: `indices` level indices stored in `bits` bits (bits <= 64).
struct DenseGroup {
  int indices = 1;
  int bits = 1;
};

// Bits of a base-N group of `count` indices: the smallest b with 2^b >= N^count, i.e.
// ceil(count * log2 N), computed exactly in integers. levels: 2..256; count >= 1 and the result
// must be <= 64, else std::invalid_argument.
int GroupBits(int levels, int count);

// The dense group for `levels` (2..256): the g minimising GroupBits(levels, g) / g among groups
// of at most 64 bits, the smallest such g on ties. E.g. 3 -> {29, 46}, 4 -> {1, 2}, 5 -> {3, 7},
// 7 -> {21, 59}, 256 -> {1, 8}. Throws std::invalid_argument if levels is out of range.
DenseGroup NuuqDenseGroup(int levels);

// Bits that `count` indices occupy under `packing`: dense = full groups x group bits + the short
// tail group's GroupBits; aligned = count x NuuqIndexBits(levels). Zero for count 0. This is the
// exact stream length before byte padding; storage accounting uses it directly.
int64_t PackedBits(int64_t count, int levels, NuuqPacking packing);

// Value of one base-N group: sum of group[k] * levels^k. group: 1..g_max indices, each in
// 0..levels-1, with GroupBits(levels, group.size()) <= 64. Throws std::invalid_argument
// otherwise.
uint64_t PackGroup(const std::vector<int>& group, int levels);

// The `count` indices of a group value: index k = floor(value / levels^k) mod levels. Every
// result is a valid index; bits of `value` at and above GroupBits(levels, count) are ignored
// (exactly as the RTL unpacker, which only sees the group's bits), then the digits are taken.
std::vector<int> UnpackGroup(uint64_t value, int count, int levels);

// Packs `indices` (each in 0..levels-1, else std::invalid_argument) into a byte stream of
// ceil(PackedBits(indices.size(), levels, packing) / 8) bytes, laid out as in the file comment.
std::vector<uint8_t> PackIndices(const std::vector<int>& indices, int levels, NuuqPacking packing);

// Inverse of PackIndices: the first `count` indices of `bytes`. Throws std::invalid_argument if
// `bytes` holds fewer than PackedBits(count, levels, packing) bits.
std::vector<int> UnpackIndices(const std::vector<uint8_t>& bytes, int64_t count, int levels,
                               NuuqPacking packing);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_NUUQ_PACKING_H_
