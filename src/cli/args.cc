#include "src/cli/args.h"

#include <cstdio>

#include <fmt/format.h>

namespace qscale::cli {

const char kUsage[] =
    "usage: qscale <command> [options]\n"
    "\n"
    "commands:\n"
    "  run CONFIG      quantize, run and report a network (see qscale run --help)\n"
    "  inspect MODEL   print the layer table of an ONNX model\n"
    "  sweep SPEC      run a design-space sweep (see qscale sweep --help)\n"
    "\n"
    "qscale --version prints the version. Docs: README.md, configs/README.md.\n";

const char kRunUsage[] =
    "usage: qscale run CONFIG [--set key.path=value]... [--images N] [--json FILE] [--quiet]\n"
    "                  [--trace FILE [--trace-cycles FIRST:LAST]]\n"
    "\n"
    "  CONFIG               YAML run configuration (e.g. configs/default.yaml)\n"
    "  --set key.path=value override one config key (repeatable), e.g. --set quant.scheme=float\n"
    "  --images N           evaluate the first N test images (overrides dataset.images)\n"
    "  --json FILE          write the JSON report (schema qscale.report/1) to FILE\n"
    "  --quiet              no progress bar\n"
    "  --trace FILE         with sim.fidelity rtl, write a VCD of the verilated array's ports\n"
    "  --trace-cycles A:B   the cycles --trace records, inclusive (default 0:9999)\n";

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
      std::string value = TakeValue(words, i, "--set", "run");
      if (value.find('=') == std::string::npos) {
        throw UsageError(fmt::format("run: --set {}: expected key.path=value, e.g. --set "
                                     "accelerator.rows=32",
                                     value));
      }
      args.overrides.push_back(value);
    } else if (Is(word, "--images")) {
      args.images = WholeNumber(TakeValue(words, i, "--images", "run"), 1, 10'000'000,
                                "--images", "run");
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

}  // namespace qscale::cli
