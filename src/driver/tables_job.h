// `qscale tables`: the power / area tables of this build. Unit tables (unit_tables.h) from the
// synthesized RTL, and per accelerator config the area breakdown and the energy per inference
// by component of each quantization scheme (one `qscale run` per scheme, its JSON report), plus
// the Accelergy-shaped ERT / ART of each scheme's accelerator.
#ifndef QSCALE_SRC_DRIVER_TABLES_JOB_H_
#define QSCALE_SRC_DRIVER_TABLES_JOB_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// The unit tables (unit_tables.h) of this build, priced with the base config's energy.tech.
// Throws what the config and cost model throw.
TablesResult BuildUnitTables(const TablesOptions& options);

// The overrides of one scheme's run (`qscale run options.config --set ...`): options.overrides,
// then quant.scheme and dataset.images, and, unless options.overrides set them,
// sim.fidelity fast and the multiplier DESIGN.md section 1 pairs with the scheme
// (accelerator.multiplier: exact for int8, fixed, nuuq and msq's fixed-point columns; csd for
// qsq; float keeps the config's, it runs no accelerator).
std::vector<std::string> SchemeRunOverrides(const TablesOptions& options,
                                            const std::string& scheme);

// Adds to `result` the energy-per-inference and area tables of the schemes' run reports (JSON,
// schema qscale.report/1, in table order) and each accelerator run's Accelergy ERT / ART.
// Throws std::runtime_error naming the scheme when a report has no energy.
void AddSchemeTables(const std::vector<nlohmann::ordered_json>& reports, TablesResult& result);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_TABLES_JOB_H_
