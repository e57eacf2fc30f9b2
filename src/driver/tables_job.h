// `qscale tables`: the power / area tables of this build. Unit tables (unit_tables.h) from the
// synthesized RTL, and per accelerator config the area breakdown and the energy per inference
// by component of each quantization scheme (one accelerator run per scheme), plus the
// Accelergy-shaped ERT / ART of each scheme's accelerator.
#ifndef QSCALE_SRC_DRIVER_TABLES_JOB_H_
#define QSCALE_SRC_DRIVER_TABLES_JOB_H_

#include <map>
#include <string>
#include <vector>

#include "src/driver/progress.h"
#include "src/report/table_format.h"

namespace qscale::driver {

struct TablesOptions {
  std::string config = "configs/default.yaml";  // base run configuration
  std::vector<std::string> overrides;           // --set key=value, applied to every run
  int images = 256;                             // test images per scheme run
  std::vector<std::string> schemes = {"float", "int8", "fixed", "qsq", "nuuq", "msq"};
  bool runs = true;                             // false: unit tables only
};

struct AccelergyExport {
  std::string ert;  // ERT YAML text
  std::string art;  // ART YAML text
};

struct TablesResult {
  std::vector<report::Table> tables;              // in print order
  std::map<std::string, AccelergyExport> accelergy;  // by scheme (not float)
};

// Builds every table. Runs each scheme with `options.config` + overrides + quant.scheme and
// dataset.images set, at sim.fidelity fast unless the overrides set it. Throws what RunJob and
// the cost model throw.
TablesResult BuildTables(const TablesOptions& options, ProgressSink& progress);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_TABLES_JOB_H_
