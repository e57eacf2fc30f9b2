// qscale: the command-line entry point. Dispatches to a subcommand and turns every error into
// one line "qscale: <message>" on stderr: exit code 2 for a malformed command line, 1 for bad
// input or a failed run.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "sim/entry.h"
#include "src/cli/args.h"
#include "src/cli/bench_command.h"
#include "src/cli/inspect_command.h"
#include "src/cli/run_command.h"
#include "src/cli/sweep_command.h"
#include "src/cli/tables_command.h"

namespace {

constexpr char kVersion[] = "qscale 0.1.0";

int Dispatch(const std::vector<std::string>& words) {
  using namespace qscale::cli;
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    std::cout << kUsage;
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::cout << kVersion << "\n";
    return 0;
  }
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  if (words[0] == "run") {
    const auto args = ParseRunArgs(rest);
    if (!args) {
      std::cout << kRunUsage;
      return 0;
    }
    return RunRun(*args, std::cout);
  }
  if (words[0] == "bench") {
    const auto args = ParseBenchArgs(rest);
    if (!args) {
      std::cout << kBenchUsage;
      return 0;
    }
    return RunBenchCommand(*args, std::cout);
  }
  if (words[0] == "inspect") {
    const auto args = ParseInspectArgs(rest);
    if (!args) {
      std::cout << kInspectUsage;
      return 0;
    }
    return RunInspect(*args, std::cout);
  }
  if (words[0] == "sweep") {
    const auto args = ParseSweepArgs(rest);
    if (!args) {
      std::cout << kSweepUsage;
      return 0;
    }
    return RunSweepCommand(*args, std::cout);
  }
  if (words[0] == "tables") {
    const auto args = ParseTablesArgs(rest);
    if (!args) {
      std::cout << kTablesUsage;
      return 0;
    }
    return RunTables(*args, std::cout);
  }
  throw UsageError("unknown command \"" + words[0] +
                   "\" (commands: run, bench, inspect, sweep, tables; "
                   "see qscale --help)");
}

int Main(int argc, char** argv) {
  try {
    return Dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const qscale::cli::UsageError& e) {
    std::cerr << "qscale: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "qscale: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) { return qscale::sim::RunWithSystemC(argc, argv, &Main); }
