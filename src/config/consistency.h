// Checks across keys that no single Spec can make: contradictory settings (an SP2 share of rows
// with no SP2 columns, the SP2 multiplier without SP2 codes) and limits on combinations (the
// array's PE count). ParseRunConfig runs them once every section has been read.
#ifndef QSCALE_SRC_CONFIG_CONSISTENCY_H_
#define QSCALE_SRC_CONFIG_CONSISTENCY_H_

#include "src/config/config_node.h"

namespace qscale::config {

struct RunConfig;

// Number of array columns holding shift-add (SP2) PEs for quant.scheme msq: the first
// round(sp2_ratio * cols) columns (DESIGN.md section 2), rounding halves away from zero.
int Sp2Columns(double sp2_ratio, int cols);

// Throws ConfigError for the first contradiction or excess in `config`, parsed from `root`,
// naming the YAML line (or --set) of the key to change, e.g.
//   configs/a.yaml:9: quant.msq.sp2_ratio must give at least one SP2 column: round(0.02 x 16
//   accelerator.cols) = 0 (set it to 0, or to at least 0.03125, or add columns)
//   configs/a.yaml:4: accelerator.multiplier: sp2 multiplies SP2 codes, which only quant.scheme
//   msq produces (quant.scheme is qsq, configs/a.yaml:2); choose exact, csd or bitserial
// Adding a check: one more function called from here, and its row in docs/errors.md.
void CheckConsistency(const ConfigNode& root, const RunConfig& config);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONSISTENCY_H_
