// `qscale run CONFIG`: load the configuration and network, evaluate the test images, report.
#ifndef QSCALE_SRC_CLI_RUN_COMMAND_H_
#define QSCALE_SRC_CLI_RUN_COMMAND_H_

#include <ostream>

#include "src/cli/args.h"

namespace qscale::cli {

// Runs one configuration and prints the human summary to `out`; with args.json, writes the JSON
// report (qscale.report/1) atomically. Returns the exit code. Throws on bad input
// (config::ConfigError, nn::ModelError, nn::DataError, report::ReportError) and when the
// configured scheme or fidelity is not built yet.
int RunRun(const RunArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_RUN_COMMAND_H_
