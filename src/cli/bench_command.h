// `qscale bench CONFIG`: one accelerator configuration timed against the golden engine
// (driver/bench_job.h), printed as a short table and, with --json, written for bench/bench.py.
#ifndef QSCALE_SRC_CLI_BENCH_COMMAND_H_
#define QSCALE_SRC_CLI_BENCH_COMMAND_H_

#include <ostream>

#include "src/cli/args.h"

namespace qscale::cli {

// Runs the bench `args` describe and prints each pair (host seconds, MAC/s, the ratio of the
// accelerator's MAC/s to golden's) and their median ratio to `out`; with args.json, writes
// qscale.bench_pairs/1 atomically. Returns the exit code; throws on bad input like RunRun.
int RunBenchCommand(const BenchArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_BENCH_COMMAND_H_
