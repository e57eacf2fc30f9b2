// `qscale run CONFIG`: load the configuration and network, evaluate the test images, report.
#ifndef QSCALE_SRC_CLI_RUN_COMMAND_H_
#define QSCALE_SRC_CLI_RUN_COMMAND_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "src/cli/args.h"
#include "src/config/run_config.h"

namespace qscale::cli {

// The configuration of a job command (run, bench): `config_path` after `overrides` and, if set,
// `images` (dataset.images). Also sets the golden engine's host threads when `threads` > 0, and
// refuses an unwritable `json` path before any work. Throws like config::LoadRunConfig.
config::RunConfig PrepareJob(const std::string& config_path, std::vector<std::string> overrides,
                             std::optional<int> images, int threads, const std::string& json);

// Runs one configuration and prints the human summary to `out`; with args.json, writes the JSON
// report (qscale.report/1) atomically. Returns the exit code. Throws on bad input
// (config::ConfigError, nn::ModelError, nn::DataError, report::ReportError) and when the
// configured scheme or fidelity is not built yet.
int RunRun(const RunArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_RUN_COMMAND_H_
