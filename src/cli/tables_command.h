// `qscale tables`: the power / area tables (driver::BuildUnitTables, and driver::AddSchemeTables
// over one `qscale run` worker per scheme) as Markdown, CSV or LaTeX, on stdout or one file per
// table, and the Accelergy ERT / ART exports.
#ifndef QSCALE_SRC_CLI_TABLES_COMMAND_H_
#define QSCALE_SRC_CLI_TABLES_COMMAND_H_

#include <ostream>

#include "src/cli/args.h"

namespace qscale::cli {

// Builds the tables and prints them to `out` (args.out empty) or writes DIR/<table>.<format>
// atomically (temporary file + rename), listing the files on `out`; with args.accelergy writes
// DIR/<scheme>/ERT.yaml and ART.yaml. Returns the exit code; throws on bad input as RunRun.
int RunTables(const TablesArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_TABLES_COMMAND_H_
