#include "src/golden/qsq_decoder.h"

#include <stdexcept>
#include <string>

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

int QsqMaxMagnitudeIndex(int levels) {
  switch (levels) {
    case 7:
      return 3;
    case 5:
      return 2;
    case 3:
      return 1;
    default:
      throw std::invalid_argument("QSQ: levels must be 3, 5 or 7 (got " + std::to_string(levels) +
                                  ")");
  }
}

bool QsqCodeIsLegal(int code, int levels) {
  return static_cast<int>(WrapUnsigned(code, 2)) <= QsqMaxMagnitudeIndex(levels);
}

int QsqStoredCodeBits(int levels) { return QsqMaxMagnitudeIndex(levels) == 1 ? 2 : 3; }

int QsqCodeFromStored(int stored, int levels) {
  if (QsqStoredCodeBits(levels) == 3) return static_cast<int>(WrapUnsigned(stored, 3));
  const uint32_t bits = WrapUnsigned(stored, 2);
  return static_cast<int>(((bits & 2u) << 1) | (bits & 1u));
}

int32_t QsqDecode(int code, int32_t scale, int32_t mean, int param_bits) {
  RequireInRange("QsqDecode", "param_bits", param_bits, kQsqMinParamBits, kQsqMaxParamBits);
  const uint32_t bits = WrapUnsigned(code, kQsqCodeBits);
  const int e = static_cast<int>(bits & 3u);
  if (e == 0) return 0;
  // int64 keeps the shift of a negative scale well defined; the result fits in P + 3 bits.
  const int64_t magnitude = static_cast<int64_t>(WrapSigned(scale, param_bits)) * (1 << (e - 1));
  const int64_t signed_magnitude = (bits & 4u) ? -magnitude : magnitude;
  return static_cast<int32_t>(WrapSigned(mean, param_bits) + signed_magnitude);
}

}  // namespace qscale::golden
