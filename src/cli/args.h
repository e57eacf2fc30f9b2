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
//                   [--threads N] [--trace FILE [--trace-cycles FIRST:LAST]]
struct RunArgs {
  std::string config;                   // YAML config path
  std::vector<std::string> overrides;   // "key.path=value", in command-line order
  std::optional<int> images;            // overrides dataset.images; >= 1
  std::string json;                     // JSON report path; empty: none
  bool quiet = false;                   // no progress bar
  int threads = 0;                      // host threads, 1..256; 0: one per core
  std::string trace;                    // VCD of the verilated array (rtl); empty: none
  int64_t trace_first = 0;              // first cycle recorded (--trace-cycles FIRST:LAST)
  int64_t trace_last = 9999;            // last cycle recorded, inclusive; >= trace_first
};

// qscale bench CONFIG [--set key.path=value]... [--images N] [--golden-images N] [--pairs N]
//                     [--json FILE] [--threads N] [--quiet]
struct BenchArgs {
  std::string config;                  // YAML config path; sim.fidelity fast or rtl
  std::vector<std::string> overrides;  // "key.path=value", in command-line order
  std::optional<int> images;           // images per accelerator sample (dataset.images); >= 1
  int golden_images = 0;               // images per golden sample; 0: as --images
  int pairs = 9;                       // timed golden/accelerator pairs, 1..1000
  std::string json;                    // JSON path (qscale.bench_pairs/1); empty: none
  int threads = 0;                     // host threads, 1..256; 0: one per core
  bool quiet = false;                  // no progress bar
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

// qscale tables [CONFIG] [--format md|csv|tex] [--out DIR] [--accelergy DIR] [--images N]
//               [--schemes a,b,...] [--units-only] [--set key.path=value]... [--quiet]
struct TablesArgs {
  std::string config = "configs/default.yaml";  // base run configuration
  std::string format = "md";                    // md | csv | tex
  std::string out;                              // directory for one file per table; empty: stdout
  std::string accelergy;                        // directory for <scheme>/ERT.yaml, ART.yaml
  int images = 256;                             // test images per scheme run, >= 1
  std::vector<std::string> schemes;             // empty: all six
  bool units_only = false;                      // no scheme runs
  std::vector<std::string> overrides;
  bool quiet = false;
};

// Usage text of the whole tool and of each subcommand.
extern const char kUsage[];
extern const char kRunUsage[];
extern const char kBenchUsage[];
extern const char kInspectUsage[];
extern const char kTablesUsage[];
extern const char kSweepUsage[];

// Parse the words after the subcommand name. `--help` is reported by returning std::nullopt.
std::optional<RunArgs> ParseRunArgs(const std::vector<std::string>& words);
std::optional<BenchArgs> ParseBenchArgs(const std::vector<std::string>& words);
std::optional<InspectArgs> ParseInspectArgs(const std::vector<std::string>& words);
std::optional<SweepArgs> ParseSweepArgs(const std::vector<std::string>& words);
std::optional<TablesArgs> ParseTablesArgs(const std::vector<std::string>& words);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_ARGS_H_
