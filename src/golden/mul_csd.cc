#include "src/golden/mul_csd.h"

#include "src/golden/array_config.h"
#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

CsdCode CsdDigits(int32_t weight, int weight_bits) {
  RequireInRange("CsdDigits", "weight_bits", weight_bits, kCsdMinBits, kCsdMaxBits);
  // The RTL's parallel recoding (file comment of mul_csd.h), in 64-bit two's complement: both
  // 3w and w are sign-extended far beyond bit B + 1, so no digit above B - 1 is produced.
  const uint64_t w = static_cast<uint64_t>(static_cast<int64_t>(WrapSigned(weight, weight_bits)));
  const uint64_t w3 = w * 3;
  const uint64_t mask = (uint64_t{1} << weight_bits) - 1;
  CsdCode code;
  code.plus = static_cast<uint32_t>(((w3 & ~w) >> 1) & mask);
  code.minus = static_cast<uint32_t>(((~w3 & w) >> 1) & mask);
  return code;
}

int CsdNonZeroDigits(int32_t weight, int weight_bits) {
  const CsdCode code = CsdDigits(weight, weight_bits);
  int count = 0;
  for (uint32_t rest = code.plus | code.minus; rest != 0; rest &= rest - 1) ++count;
  return count;
}

CsdCode CsdTruncate(const CsdCode& code, int quality) {
  RequireInRange("CsdTruncate", "quality", quality, kCsdMinQuality, kCsdMaxQuality);
  uint32_t kept = 0;
  int left = quality;
  for (int i = 31; i >= 0 && left > 0; --i) {
    const uint32_t bit = uint32_t{1} << i;
    if ((code.plus | code.minus) & bit) {
      kept |= bit;
      --left;
    }
  }
  return {code.plus & kept, code.minus & kept};
}

int32_t CsdApproximateWeight(int32_t weight, int quality, int weight_bits) {
  return static_cast<int32_t>(CsdTruncate(CsdDigits(weight, weight_bits), quality).Value());
}

int CsdActiveRows(int32_t weight, int quality, int weight_bits) {
  RequireInRange("CsdActiveRows", "quality", quality, kCsdMinQuality, kCsdMaxQuality);
  const int digits = CsdNonZeroDigits(weight, weight_bits);
  return digits < quality ? digits : quality;
}

int32_t MulCsd(int32_t weight, int32_t act, int quality, int weight_bits, int act_bits) {
  RequireInRange("MulCsd", "act_bits", act_bits, kCsdMinBits, kCsdMaxBits);
  const CsdCode kept = CsdTruncate(CsdDigits(weight, weight_bits), quality);
  const int64_t a = WrapSigned(act, act_bits);
  int64_t sum = 0;
  for (int i = 0; i < weight_bits; ++i) sum += kept.Digit(i) * (a * (int64_t{1} << i));
  return static_cast<int32_t>(sum);
}

namespace {

int CsdRows(int weight_bits) { return (weight_bits + 1) / 2; }

int CsdPositionBits(int weight_bits) {
  int bits = 0;
  while ((1 << bits) < weight_bits) ++bits;
  return bits;
}

}  // namespace

int CsdRowWordBits(int weight_bits) {
  RequireInRange("CsdRowWordBits", "weight_bits", weight_bits, kCsdMinBits, kCsdMaxBits);
  return CsdRows(weight_bits) * (CsdPositionBits(weight_bits) + 2);
}

uint64_t CsdRowWord(int32_t weight, int weight_bits) {
  const CsdCode code = CsdDigits(weight, weight_bits);
  const int rows = CsdRows(weight_bits), pos_bits = CsdPositionBits(weight_bits);
  uint64_t word = 0;
  int r = 0;
  for (int i = weight_bits - 1; i >= 0; --i) {
    if (code.Digit(i) == 0) continue;
    word |= static_cast<uint64_t>(i) << (r * pos_bits);
    if (code.Digit(i) < 0) word |= uint64_t{1} << (rows * pos_bits + r);
    word |= uint64_t{1} << (rows * (pos_bits + 1) + r);
    ++r;
  }
  return word;
}

int32_t MulCsdRows(uint64_t rows_word, int32_t act, int quality, int weight_bits, int act_bits) {
  RequireInRange("MulCsdRows", "weight_bits", weight_bits, kCsdMinBits, kCsdMaxBits);
  RequireInRange("MulCsdRows", "act_bits", act_bits, kCsdMinBits, kCsdMaxBits);
  RequireInRange("MulCsdRows", "quality", quality, 0, 15);
  const int rows = CsdRows(weight_bits), pos_bits = CsdPositionBits(weight_bits);
  const int64_t a = WrapSigned(act, act_bits);
  int64_t sum = 0;
  for (int r = 0; r < rows && r < quality; ++r) {
    if (((rows_word >> (rows * (pos_bits + 1) + r)) & 1u) == 0) continue;
    const int pos = static_cast<int>((rows_word >> (r * pos_bits)) & ((1u << pos_bits) - 1));
    const int64_t term = a * (int64_t{1} << pos);
    sum += ((rows_word >> (rows * pos_bits + r)) & 1u) ? -term : term;
  }
  return static_cast<int32_t>(WrapSigned64(sum, weight_bits + act_bits));
}

}  // namespace qscale::golden
