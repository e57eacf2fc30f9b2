// Validation of the *parameters* of the golden units (widths, level counts, quality): a value
// outside its documented range is a configuration error, not something the RTL could be driven
// with, so it throws instead of wrapping. Operands, by contrast, wrap (see wrap.h).
#ifndef QSCALE_SRC_GOLDEN_PARAM_CHECK_H_
#define QSCALE_SRC_GOLDEN_PARAM_CHECK_H_

#include <cstdint>

namespace qscale::golden {

// Throws std::invalid_argument("<unit>: <param> must be in <lo>..<hi> (got <value>)") unless
// lo <= value <= hi. `unit` and `param` name the caller, e.g. ("MulCsd", "quality").
void RequireInRange(const char* unit, const char* param, int64_t value, int64_t lo, int64_t hi);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_PARAM_CHECK_H_
