// Parameters and per-PE arithmetic of the systolic arrays rtl/pe/pe_array.sv (weight stationary,
// ws_array.h) and rtl/pe/pe_array_os.sv (output stationary, os_array.h), shared by both tile
// oracles. Golden model of rtl/pe/pe_mac.sv (the PE's weight register, multiplier and
// saturating add). rtl/README.md has the timing diagrams.
#ifndef QSCALE_SRC_GOLDEN_ARRAY_CONFIG_H_
#define QSCALE_SRC_GOLDEN_ARRAY_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "src/golden/sp2_decoder.h"

namespace qscale::golden {

// The multiplier of a PE. The values are the RTL's `MulKind` parameter.
enum class MulKind { kExact = 0, kCsd = 1, kSp2 = 2, kBitSerial = 3 };

inline constexpr int kArrayMaxSide = 64;
inline constexpr int kArrayMinAccBits = 2;
inline constexpr int kArrayMaxAccBits = 62;

// The parameters of one array instance: the RTL module's parameters, same names in snake case.
struct ArrayShape {
  int rows = 16;                   // Rows, 1..64
  int cols = 16;                   // Cols, 1..64
  MulKind kind = MulKind::kExact;  // MulKind, the base multiplier
  int sp2_cols = 0;       // Sp2Cols: MSQ, columns 0..sp2_cols-1 are SP2 shift-add PEs; 0..cols,
                          // and 0 when kind is kBitSerial
  int act_bits = 8;       // ActWidth, 2..16
  int weight_bits = 8;    // WeightWidth of exact / csd / bitserial PEs, 2..16
  int sp2_code_bits = 4;  // Sp2CodeBits: the SP2 code width whose terms SP2 PEs hold, 3..8
  int acc_bits = 32;      // AccWidth, 2..62
};

// Throws std::invalid_argument naming the first field out of range (e.g. "ArrayShape: rows must
// be in 1..64 (got 0)") or "ArrayShape: sp2_cols must be 0 with a bitserial base multiplier".
void ValidateArrayShape(const ArrayShape& shape);

// The multiplier of column `col` (0..cols-1): kSp2 below sp2_cols, else shape.kind.
MulKind ColumnKind(const ArrayShape& shape, int col);

// L: cycles from an activation entering a PE's multiplier to its product (MulLatency of the
// golden units): 1 for exact, csd, sp2 (kMulExactLatency, kMulCsdLatency, kMulSp2Latency);
// weight_bits for bitserial (BitSerialLatency).
int MulLatency(const ArrayShape& shape);

// II: cycles between consecutive activations of one row: 1, or weight_bits for bitserial
// (BitSerialInitiationInterval).
int StepInterval(const ArrayShape& shape);

// WS PE latency: an activation entering pe.sv in cycle t leaves its sum on psum_o in
// t + MulLatency + 1.
int PeLatency(const ArrayShape& shape);

// The RTL's RowBits: bits of a row index (pe_array's wload_row_i, accel_core's dec_row_i),
// clog2(rows), at least 1.
int RowIndexBits(int rows);

// Bits of the terms word an SP2 PE holds for `code_bits`-bit codes: 3 + 2 * m1.
int Sp2TermsWordBits(int code_bits);

// The RTL's WordWidth: bits per column of the weight bus. weight_bits, or Sp2TermsWordBits when
// every column is SP2, or the larger of the two when some are.
int WordBits(const ArrayShape& shape);

// A decoded weight as a PE holds it: `value` (signed weight_bits, wrapped like the port) for
// exact, csd and bitserial columns; `terms` (sp2_decoder's output) for SP2 columns.
struct PeWeight {
  int32_t value = 0;
  Sp2Terms terms;
};

// The weight word the array's weight bus carries for column `col` (pe_mac.sv): the low
// weight_bits of `value`, or for SP2 columns {negative, enable1, enable2, shift1, shift2} with
// shifts m1 = sp2_code_bits / 2 bits wide (MSB first). E.g. 4-bit codes, terms {negative,
// shift1 = 2, enable1, shift2 = 0, enable2}: 0b1'1'1'10'00 = 0x78.
uint32_t PackWeightWord(const ArrayShape& shape, int col, const PeWeight& weight);

// The product a PE of column `col` forms: MulExact / MulCsd (at `quality`, 1..8; ignored by other
// kinds) / MulSp2 / MulBitSerial of the weight and `act` (signed act_bits, wrapped like the
// port). SP2 terms must have enabled shifts in 0..2^m1 - 2 (what sp2_decoder emits), else
// std::invalid_argument. Exact in int64.
int64_t PeProduct(const ArrayShape& shape, int col, const PeWeight& weight, int32_t act,
                  int quality);

// `value` wrapped to a signed `bits`-wide port (bits 1..63), like WrapSigned for wide ports.
int64_t WrapSigned64(int64_t value, int bits);

// One result leaving the bottom of the array: column `col` in cycle `cycle` (cycle 0 = the first
// cycle of the run). `index` is the activation vector m (WS) or the row r (OS) within its
// `block` (WS fold or OS tile, in run order).
struct ArrayOutput {
  int64_t cycle = 0;
  int block = 0;
  int index = 0;
  int col = 0;
  int64_t value = 0;
};

// Sorts outputs the way they leave the array: by cycle, then column (stable otherwise).
void SortByCycle(std::vector<ArrayOutput>& outputs);

// Throws std::invalid_argument("<unit>: <what> has <got> entries, the array needs <want>")
// unless got == want: the dimension checks of the tile oracles.
void RequireArrayDim(const char* unit, size_t got, size_t want, const std::string& what);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_ARRAY_CONFIG_H_
