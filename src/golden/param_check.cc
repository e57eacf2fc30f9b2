#include "src/golden/param_check.h"

#include <stdexcept>
#include <string>

namespace qscale::golden {

void RequireInRange(const char* unit, const char* param, int64_t value, int64_t lo, int64_t hi) {
  if (value >= lo && value <= hi) return;
  throw std::invalid_argument(std::string(unit) + ": " + param + " must be in " +
                              std::to_string(lo) + ".." + std::to_string(hi) + " (got " +
                              std::to_string(value) + ")");
}

}  // namespace qscale::golden
