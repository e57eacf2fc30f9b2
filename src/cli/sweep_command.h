// `qscale sweep`: runs a sweep spec's points in worker processes, or merges shard directories.
#ifndef QSCALE_SRC_CLI_SWEEP_COMMAND_H_
#define QSCALE_SRC_CLI_SWEEP_COMMAND_H_

#include <ostream>

#include "src/cli/args.h"

namespace qscale::cli {

// Runs `args`; prints a summary (points run, failed, output files) to `out`. Returns the exit
// code: 0 when every point finished without error, 1 when some failed (their errors are in the
// results).
int RunSweepCommand(const SweepArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_SWEEP_COMMAND_H_
