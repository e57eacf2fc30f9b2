#include "src/cli/args.h"

#include <cstdio>

#include <fmt/format.h>

namespace qscale::cli {

const char kUsage[] =
    "usage: qscale <command> [options]\n"
    "\n"
    "commands:\n"
    "  run CONFIG      quantize, run and report a network (see qscale run --help)\n"
    "  bench CONFIG    time an accelerator against the golden engine (see qscale bench --help)\n"
    "  inspect MODEL   print the layer table of an ONNX model\n"
    "  sweep SPEC      run a design-space sweep (see qscale sweep --help)\n"
    "  tables [CONFIG] power / area tables: RTL units, CSD quality, energy and area per scheme\n"
    "\n"
    "qscale --version prints the version. Docs: README.md, configs/README.md.\n";

const char kRunUsage[] =
    "usage: qscale run CONFIG [--set key.path=value]... [--images N] [--json FILE] [--quiet]\n"
    "                  [--threads N] [--trace FILE [--trace-cycles FIRST:LAST]]\n"
    "\n"
    "  CONFIG               YAML run configuration (e.g. configs/default.yaml)\n"
    "  --set key.path=value override one config key (repeatable), e.g. --set quant.scheme=float\n"
    "  --images N           evaluate the first N test images (overrides dataset.images)\n"
    "  --json FILE          write the JSON report (schema qscale.report/1) to FILE\n"
    "  --quiet              no progress bar\n"
    "  --threads N          host threads of the integer arithmetic (default: one per core;\n"
    "                       results never depend on it)\n"
    "  --trace FILE         with sim.fidelity rtl, write a VCD of the verilated array's ports\n"
    "  --trace-cycles A:B   the cycles --trace records, inclusive (default 0:9999)\n";

const char kBenchUsage[] =
    "usage: qscale bench CONFIG [--set key.path=value]... [--images N] [--golden-images N]\n"
    "                    [--pairs N] [--json FILE] [--threads N] [--quiet]\n"
    "\n"
    "Times the accelerator of CONFIG (sim.fidelity fast or rtl) and the golden engine on the\n"
    "same workload, in one process: a warm-up pair, then N pairs of one sample each, run\n"
    "alternately (golden first, then accelerator first, ...). bench/bench.py drives it.\n"
    "\n"
    "  CONFIG               YAML run configuration (e.g. configs/default.yaml)\n"
    "  --set key.path=value override one config key (repeatable)\n"
    "  --images N           test images per accelerator sample (overrides dataset.images)\n"
    "  --golden-images N    test images per golden sample (default: as --images; ONNX only)\n"
    "  --pairs N            timed pairs, 1..1000 (default 9)\n"
    "  --json FILE          write every pair (schema qscale.bench_pairs/1) to FILE\n"
    "  --threads N          host threads of the integer arithmetic (default: one per core)\n"
    "  --quiet              no progress bar\n";

const char kInspectUsage[] =
    "usage: qscale inspect MODEL [--json FILE]\n"
    "\n"
    "  MODEL        ONNX model file\n"
    "  --json FILE  also write the layer table as JSON to FILE\n";

const char kSweepUsage[] =
    "usage: qscale sweep SPEC [--jobs N] [--out DIR] [--resume] [--shard I/N] [--quiet]\n"
    "       qscale sweep merge --out DIR DIR...\n"
    "\n"
    "  SPEC         sweep YAML (configs/sweeps/README.md)\n"
    "  --jobs N     worker processes at once (default: one per core)\n"
    "  --out DIR    results directory (default out/sweeps/<SPEC name>)\n"
    "  --resume     keep the finished points of DIR and run the others\n"
    "  --shard I/N  run only the points whose index is I modulo N (0 <= I < N)\n"
    "  --quiet      no progress bar\n"
    "  merge        join the directories of a sharded sweep into --out\n";

const char kTablesUsage[] =
    "usage: qscale tables [CONFIG] [--format md|csv|tex] [--out DIR] [--accelergy DIR]\n"
    "                     [--images N] [--schemes a,b,...] [--units-only] [--set key=value]...\n"
    "\n"
    "  CONFIG               base run configuration (default configs/default.yaml)\n"
    "  --format F           md (default), csv or tex\n"
    "  --out DIR            write one file per table (DIR/<table>.<format>); default: stdout\n"
    "  --accelergy DIR      also write DIR/<scheme>/ERT.yaml and ART.yaml (Accelergy shape)\n"
    "  --images N           test images per scheme run (default 256)\n"
    "  --schemes a,b        schemes to run (default float,int8,fixed,qsq,nuuq,msq)\n"
    "  --units-only         only the RTL unit tables (no scheme runs)\n"
    "  --set key.path=value override a config key of every run (repeatable)\n"
    "  --quiet              no progress bar\n";

namespace {

// Reads the value of option `words[i]`, either "--opt=value" or "--opt value".
std::string TakeValue(const std::vector<std::string>& words, size_t& i, const std::string& name,
                      const char* command) {
  const std::string& word = words[i];
  if (word.size() > name.size() && word[name.size()] == '=') return word.substr(name.size() + 1);
  if (i + 1 >= words.size()) {
    throw UsageError(fmt::format("{}: {} needs a value (see qscale {} --help)", command, name,
                                 command));
  }
  return words[++i];
}

bool Is(const std::string& word, const std::string& name) {
  return word == name || (word.rfind(name + "=", 0) == 0);
}

// Reads the value of --set: "key.path=value".
std::string TakeOverride(const std::vector<std::string>& words, size_t& i, const char* command) {
  std::string value = TakeValue(words, i, "--set", command);
  if (value.find('=') == std::string::npos) {
    throw UsageError(fmt::format("{}: --set {}: expected key.path=value, e.g. --set "
                                 "accelerator.rows=32",
                                 command, value));
  }
  return value;
}

// `value` as a whole number in min..max, else UsageError naming the option.
int WholeNumber(const std::string& value, long min, long max, const char* option,
                const char* command) {
  size_t used = 0;
  long n = 0;
  try {
    n = std::stol(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || n < min || n > max) {
    throw UsageError(fmt::format("{}: {} {}: expected a whole number from {} to {}", command,
                                 option, value, min, max));
  }
  return static_cast<int>(n);
}

[[noreturn]] void Unknown(const std::string& word, const char* command) {
  throw UsageError(fmt::format("{}: unknown option {} (see qscale {} --help)", command, word,
                               command));
}

}  // namespace

std::optional<RunArgs> ParseRunArgs(const std::vector<std::string>& words) {
  RunArgs args;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--help" || word == "-h") return std::nullopt;
    if (Is(word, "--set")) {
      args.overrides.push_back(TakeOverride(words, i, "run"));
    } else if (Is(word, "--images")) {
      args.images = WholeNumber(TakeValue(words, i, "--images", "run"), 1, 10'000'000,
                                "--images", "run");
    } else if (Is(word, "--threads")) {
      args.threads = WholeNumber(TakeValue(words, i, "--threads", "run"), 1, 256, "--threads",
                                 "run");
    } else if (Is(word, "--json")) {
      args.json = TakeValue(words, i, "--json", "run");
    } else if (word == "--quiet" || word == "-q") {
      args.quiet = true;
    } else if (Is(word, "--trace")) {
      args.trace = TakeValue(words, i, "--trace", "run");
    } else if (Is(word, "--trace-cycles")) {
      const std::string value = TakeValue(words, i, "--trace-cycles", "run");
      const size_t colon = value.find(':');
      long long first = -1, last = -1;
      size_t used_first = 0, used_last = 0;
      try {
        first = std::stoll(value.substr(0, colon), &used_first);
        last = std::stoll(value.substr(colon + 1), &used_last);
      } catch (const std::exception&) {
        used_first = used_last = 0;
      }
      if (colon == std::string::npos || used_first != colon ||
          used_last != value.size() - colon - 1 || first < 0 || last < first) {
        throw UsageError(fmt::format("run: --trace-cycles {}: expected FIRST:LAST, two cycle "
                                     "numbers with 0 <= FIRST <= LAST, e.g. 0:5000",
                                     value));
      }
      args.trace_first = first;
      args.trace_last = last;
    } else if (word.size() > 1 && word[0] == '-') {
      Unknown(word, "run");
    } else {
      positional.push_back(word);
    }
  }
  if (positional.size() != 1) {
    throw UsageError(positional.empty()
                         ? "run: missing CONFIG (see qscale run --help)"
                         : fmt::format("run: expected one CONFIG, got {} (see qscale run --help)",
                                       positional.size()));
  }
  args.config = positional[0];
  return args;
}

std::optional<BenchArgs> ParseBenchArgs(const std::vector<std::string>& words) {
  BenchArgs args;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--help" || word == "-h") return std::nullopt;
    if (Is(word, "--set")) {
      args.overrides.push_back(TakeOverride(words, i, "bench"));
    } else if (Is(word, "--images")) {
      args.images =
          WholeNumber(TakeValue(words, i, "--images", "bench"), 1, 10'000'000, "--images", "bench");
    } else if (Is(word, "--golden-images")) {
      args.golden_images = WholeNumber(TakeValue(words, i, "--golden-images", "bench"), 1,
                                       10'000'000, "--golden-images", "bench");
    } else if (Is(word, "--pairs")) {
      args.pairs =
          WholeNumber(TakeValue(words, i, "--pairs", "bench"), 1, 1000, "--pairs", "bench");
    } else if (Is(word, "--threads")) {
      args.threads =
          WholeNumber(TakeValue(words, i, "--threads", "bench"), 1, 256, "--threads", "bench");
    } else if (Is(word, "--json")) {
      args.json = TakeValue(words, i, "--json", "bench");
    } else if (word == "--quiet" || word == "-q") {
      args.quiet = true;
    } else if (word.size() > 1 && word[0] == '-') {
      Unknown(word, "bench");
    } else {
      positional.push_back(word);
    }
  }
  if (positional.size() != 1) {
    throw UsageError(positional.empty()
                         ? "bench: missing CONFIG (see qscale bench --help)"
                         : fmt::format("bench: expected one CONFIG, got {} (see qscale bench "
                                       "--help)",
                                       positional.size()));
  }
  args.config = positional[0];
  return args;
}

std::optional<InspectArgs> ParseInspectArgs(const std::vector<std::string>& words) {
  InspectArgs args;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--help" || word == "-h") return std::nullopt;
    if (Is(word, "--json")) {
      args.json = TakeValue(words, i, "--json", "inspect");
    } else if (word.size() > 1 && word[0] == '-') {
      Unknown(word, "inspect");
    } else {
      positional.push_back(word);
    }
  }
  if (positional.size() != 1) {
    throw UsageError("inspect: expected one MODEL (see qscale inspect --help)");
  }
  args.model = positional[0];
  return args;
}

std::optional<SweepArgs> ParseSweepArgs(const std::vector<std::string>& words) {
  SweepArgs args;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--help" || word == "-h") return std::nullopt;
    if (Is(word, "--out")) {
      args.out = TakeValue(words, i, "--out", "sweep");
    } else if (Is(word, "--jobs")) {
      args.jobs = WholeNumber(TakeValue(words, i, "--jobs", "sweep"), 1, 256, "--jobs", "sweep");
    } else if (Is(word, "--shard")) {
      const std::string value = TakeValue(words, i, "--shard", "sweep");
      const size_t slash = value.find('/');
      int shard = -1, shards = 0;
      if (slash != std::string::npos &&
          std::sscanf(value.c_str(), "%d/%d", &shard, &shards) == 2 &&
          value == fmt::format("{}/{}", shard, shards) && shards >= 1 && shard >= 0 &&
          shard < shards) {
        args.shard = shard;
        args.shards = shards;
      } else {
        throw UsageError(fmt::format("sweep: --shard {}: expected I/N with 0 <= I < N, e.g. "
                                     "--shard 0/3",
                                     value));
      }
    } else if (word == "--resume") {
      args.resume = true;
    } else if (word == "--quiet" || word == "-q") {
      args.quiet = true;
    } else if (word.size() > 1 && word[0] == '-') {
      Unknown(word, "sweep");
    } else {
      positional.push_back(word);
    }
  }
  if (!positional.empty() && positional[0] == "merge") {
    args.merge = true;
    args.dirs.assign(positional.begin() + 1, positional.end());
    if (args.dirs.empty() || args.out.empty()) {
      throw UsageError("sweep merge: expected --out DIR and at least one sweep directory (see "
                       "qscale sweep --help)");
    }
    return args;
  }
  if (positional.size() != 1) {
    throw UsageError(positional.empty()
                         ? "sweep: missing SPEC (see qscale sweep --help)"
                         : fmt::format("sweep: expected one SPEC, got {} (see qscale sweep "
                                       "--help)",
                                       positional.size()));
  }
  args.spec = positional[0];
  return args;
}

std::optional<TablesArgs> ParseTablesArgs(const std::vector<std::string>& words) {
  TablesArgs args;
  std::vector<std::string> positional;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--help" || word == "-h") return std::nullopt;
    if (Is(word, "--format")) {
      args.format = TakeValue(words, i, "--format", "tables");
      if (args.format != "md" && args.format != "csv" && args.format != "tex") {
        throw UsageError(fmt::format("tables: --format {}: expected md, csv or tex", args.format));
      }
    } else if (Is(word, "--out")) {
      args.out = TakeValue(words, i, "--out", "tables");
    } else if (Is(word, "--accelergy")) {
      args.accelergy = TakeValue(words, i, "--accelergy", "tables");
    } else if (Is(word, "--images")) {
      args.images = WholeNumber(TakeValue(words, i, "--images", "tables"), 1, 10'000'000,
                                "--images", "tables");
    } else if (Is(word, "--schemes")) {
      const std::string value = TakeValue(words, i, "--schemes", "tables");
      size_t start = 0;
      while (start <= value.size()) {
        const size_t comma = value.find(',', start);
        const std::string scheme = value.substr(start, comma - start);
        if (scheme.empty()) {
          throw UsageError(fmt::format("tables: --schemes {}: expected names separated by "
                                       "commas, e.g. int8,qsq",
                                       value));
        }
        args.schemes.push_back(scheme);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (word == "--units-only") {
      args.units_only = true;
    } else if (Is(word, "--set")) {
      args.overrides.push_back(TakeOverride(words, i, "tables"));
    } else if (word == "--quiet" || word == "-q") {
      args.quiet = true;
    } else if (word.size() > 1 && word[0] == '-') {
      Unknown(word, "tables");
    } else {
      positional.push_back(word);
    }
  }
  if (positional.size() > 1) {
    throw UsageError("tables: expected at most one CONFIG (see qscale tables --help)");
  }
  if (!positional.empty()) args.config = positional[0];
  return args;
}

}  // namespace qscale::cli
