#include "src/golden/nuuq_decoder.h"

#include <cstddef>

#include "src/golden/param_check.h"
#include "src/golden/wrap.h"

namespace qscale::golden {

int NuuqIndexBits(int levels) {
  RequireInRange("NUUQ", "levels", levels, kNuuqMinLevels, kNuuqMaxLevels);
  int bits = 0;
  while ((1 << bits) < levels) ++bits;
  return bits;
}

int32_t NuuqDecode(int index, const std::vector<int32_t>& lut, int grid_bits) {
  const int levels = static_cast<int>(lut.size());
  RequireInRange("NuuqDecode", "lut size (levels)", levels, kNuuqMinLevels, kNuuqMaxLevels);
  RequireInRange("NuuqDecode", "grid_bits", grid_bits, kNuuqMinGridBits, kNuuqMaxGridBits);
  if (index < 0 || index >= levels) return 0;
  return WrapSigned(lut[static_cast<size_t>(index)], grid_bits);
}

}  // namespace qscale::golden
