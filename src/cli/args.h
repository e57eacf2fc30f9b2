// Command-line parsing for the qscale subcommands. Parsing only: no file is touched here.
#ifndef QSCALE_SRC_CLI_ARGS_H_
#define QSCALE_SRC_CLI_ARGS_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace qscale::cli {

// The command line is malformed; the message says what and points at `--help`. Exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// qscale run CONFIG [--set key.path=value]... [--images N] [--json FILE] [--quiet]
//                   [--trace FILE [--trace-cycles FIRST:LAST]]
struct RunArgs {
  std::string config;                   // YAML config path
  std::vector<std::string> overrides;   // "key.path=value", in command-line order
  std::optional<int> images;            // overrides dataset.images; >= 1
  std::string json;                     // JSON report path; empty: none
  bool quiet = false;                   // no progress bar
  std::string trace;                    // VCD of the verilated array (rtl); empty: none
  int64_t trace_first = 0;              // first cycle recorded (--trace-cycles FIRST:LAST)
  int64_t trace_last = 9999;            // last cycle recorded, inclusive; >= trace_first
};

// qscale inspect MODEL [--json FILE]
struct InspectArgs {
  std::string model;  // ONNX path
  std::string json;   // JSON layer table path; empty: none
};

// qscale sweep SPEC [--jobs N] [--out DIR] [--resume] [--shard I/N] [--quiet]
// qscale sweep merge --out DIR DIR...
struct SweepArgs {
  bool merge = false;              // the merge form
  std::string spec;                // sweep YAML (run form)
  std::string out;                 // output directory; run form default: out/sweeps/<spec stem>
  std::vector<std::string> dirs;   // merge form: shard directories
  int jobs = 0;                    // worker processes; 0: one per core
  bool resume = false;
  int shard = 0;                   // --shard I/N: 0 <= I < N
  int shards = 1;
  bool quiet = false;              // no progress bar
};

// Usage text of the whole tool and of each subcommand.
extern const char kUsage[];
extern const char kRunUsage[];
extern const char kInspectUsage[];
extern const char kSweepUsage[];

// Parse the words after the subcommand name. `--help` is reported by returning std::nullopt.
std::optional<RunArgs> ParseRunArgs(const std::vector<std::string>& words);
std::optional<InspectArgs> ParseInspectArgs(const std::vector<std::string>& words);
std::optional<SweepArgs> ParseSweepArgs(const std::vector<std::string>& words);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_ARGS_H_
