#include "src/golden/array_config.h"

#include <algorithm>
#include <stdexcept>

#include "src/golden/mul_bitserial.h"
#include "src/golden/mul_csd.h"
#include "src/golden/mul_exact.h"
#include "src/golden/mul_sp2.h"
#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {
namespace {

int Sp2ShiftBits(int code_bits) { return Sp2FormatForBits(code_bits).m1; }

}  // namespace

void ValidateArrayShape(const ArrayShape& shape) {
  RequireInRange("ArrayShape", "rows", shape.rows, 1, kArrayMaxSide);
  RequireInRange("ArrayShape", "cols", shape.cols, 1, kArrayMaxSide);
  RequireInRange("ArrayShape", "kind", static_cast<int>(shape.kind), 0, 3);
  RequireInRange("ArrayShape", "sp2_cols", shape.sp2_cols, 0, shape.cols);
  RequireInRange("ArrayShape", "act_bits", shape.act_bits, 2, 16);
  RequireInRange("ArrayShape", "weight_bits", shape.weight_bits, 2, 16);
  RequireInRange("ArrayShape", "sp2_code_bits", shape.sp2_code_bits, kSp2MinBits, kSp2MaxBits);
  RequireInRange("ArrayShape", "acc_bits", shape.acc_bits, kArrayMinAccBits, kArrayMaxAccBits);
  if (shape.sp2_cols > 0 && shape.kind == MulKind::kBitSerial) {
    throw std::invalid_argument("ArrayShape: sp2_cols must be 0 with a bitserial base multiplier");
  }
}

MulKind ColumnKind(const ArrayShape& shape, int col) {
  return col < shape.sp2_cols ? MulKind::kSp2 : shape.kind;
}

int MulLatency(const ArrayShape& shape) {
  switch (shape.kind) {
    case MulKind::kCsd:
      return kMulCsdLatency;
    case MulKind::kSp2:
      return kMulSp2Latency;
    case MulKind::kBitSerial:
      return BitSerialLatency(shape.weight_bits);
    case MulKind::kExact:
      break;
  }
  return kMulExactLatency;
}

int StepInterval(const ArrayShape& shape) {
  return shape.kind == MulKind::kBitSerial ? BitSerialInitiationInterval(shape.weight_bits) : 1;
}

int PeLatency(const ArrayShape& shape) { return MulLatency(shape) + 1; }

int RowIndexBits(int rows) {
  int bits = 1;
  while ((1 << bits) < rows) ++bits;
  return bits;
}

int Sp2TermsWordBits(int code_bits) { return 3 + 2 * Sp2ShiftBits(code_bits); }

int WordBits(const ArrayShape& shape) {
  const int sp2_bits = Sp2TermsWordBits(shape.sp2_code_bits);
  if (shape.kind == MulKind::kSp2) return sp2_bits;
  if (shape.sp2_cols > 0 && sp2_bits > shape.weight_bits) return sp2_bits;
  return shape.weight_bits;
}

uint32_t PackWeightWord(const ArrayShape& shape, int col, const PeWeight& weight) {
  if (ColumnKind(shape, col) != MulKind::kSp2) return WrapUnsigned(weight.value, shape.weight_bits);
  const int m1 = Sp2ShiftBits(shape.sp2_code_bits);
  const Sp2Terms& t = weight.terms;
  uint32_t word = (t.negative ? 4u : 0u) | (t.enable1 ? 2u : 0u) | (t.enable2 ? 1u : 0u);
  word = (word << m1) | WrapUnsigned(t.shift1, m1);
  return (word << m1) | WrapUnsigned(t.shift2, m1);
}

int64_t PeProduct(const ArrayShape& shape, int col, const PeWeight& weight, int32_t act,
                  int quality) {
  switch (ColumnKind(shape, col)) {
    case MulKind::kCsd:
      return MulCsd(weight.value, act, quality, shape.weight_bits, shape.act_bits);
    case MulKind::kSp2: {
      const int max_shift = Sp2MaxExponent(Sp2FormatForBits(shape.sp2_code_bits)) - 1;
      if (weight.terms.enable1)
        RequireInRange("PeProduct", "shift1", weight.terms.shift1, 0, max_shift);
      if (weight.terms.enable2)
        RequireInRange("PeProduct", "shift2", weight.terms.shift2, 0, max_shift);
      return MulSp2(weight.terms, act, shape.act_bits);
    }
    case MulKind::kBitSerial:
      return MulBitSerial(weight.value, act, shape.weight_bits, shape.act_bits);
    case MulKind::kExact:
      break;
  }
  return MulExact(weight.value, act, shape.weight_bits, shape.act_bits);
}

int64_t WrapSigned64(int64_t value, int bits) {
  RequireInRange("WrapSigned64", "bits", bits, 1, 63);
  const uint64_t sign = uint64_t{1} << (bits - 1);
  const uint64_t low = static_cast<uint64_t>(value) & ((sign << 1) - 1);
  return static_cast<int64_t>(low ^ sign) - static_cast<int64_t>(sign);
}

void SortByCycle(std::vector<ArrayOutput>& outputs) {
  std::stable_sort(outputs.begin(), outputs.end(), [](const ArrayOutput& a, const ArrayOutput& b) {
    return a.cycle != b.cycle ? a.cycle < b.cycle : a.col < b.col;
  });
}

void RequireArrayDim(const char* unit, size_t got, size_t want, const std::string& what) {
  if (got == want) return;
  throw std::invalid_argument(std::string(unit) + ": " + what + " has " + std::to_string(got) +
                              " entries, the array needs " + std::to_string(want));
}

}  // namespace qscale::golden
