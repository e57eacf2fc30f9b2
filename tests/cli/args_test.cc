// Command-line parsing of `qscale run`, `qscale bench` and `qscale inspect`.
#include "src/cli/args.h"

#include <gtest/gtest.h>

namespace qscale::cli {
namespace {

// The UsageError message `parse` (ParseRunArgs by default) gives for `words`.
template <typename Parse = decltype(&ParseRunArgs)>
std::string UsageMessage(const std::vector<std::string>& words, Parse parse = &ParseRunArgs) {
  try {
    parse(words);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RunArgs, OverridesKeepTheirOrderAndBothSpellingsWork) {
  const auto args = ParseRunArgs({"c.yaml", "--set", "a.b=1", "--set=c=2", "--images=50",
                                  "--json", "r.json", "--quiet"});
  ASSERT_TRUE(args);
  EXPECT_EQ(args->config, "c.yaml");
  EXPECT_EQ(args->overrides, (std::vector<std::string>{"a.b=1", "c=2"}));
  EXPECT_EQ(args->images, 50);
  EXPECT_EQ(args->json, "r.json");
  EXPECT_TRUE(args->quiet);
}

TEST(RunArgs, HelpReturnsNothing) { EXPECT_FALSE(ParseRunArgs({"--help"})); }

TEST(RunArgs, BadCommandLinesSayWhatIsWrong) {
  EXPECT_EQ(UsageMessage({}), "run: missing CONFIG (see qscale run --help)");
  EXPECT_EQ(UsageMessage({"a.yaml", "b.yaml"}),
            "run: expected one CONFIG, got 2 (see qscale run --help)");
  EXPECT_EQ(UsageMessage({"a.yaml", "--imagez", "3"}),
            "run: unknown option --imagez (see qscale run --help)");
  EXPECT_EQ(UsageMessage({"a.yaml", "--images", "0"}),
            "run: --images 0: expected a whole number from 1 to 10000000");
  EXPECT_EQ(UsageMessage({"a.yaml", "--images", "12x"}),
            "run: --images 12x: expected a whole number from 1 to 10000000");
  EXPECT_EQ(UsageMessage({"a.yaml", "--set", "rows"}),
            "run: --set rows: expected key.path=value, e.g. --set accelerator.rows=32");
  EXPECT_EQ(UsageMessage({"a.yaml", "--json"}), "run: --json needs a value (see qscale run --help)");
}

TEST(BenchArgs, ReadsEveryOptionAndDefaultsToNinePairs) {
  const auto args =
      ParseBenchArgs({"c.yaml", "--set", "sim.fidelity=rtl", "--images=100", "--golden-images",
                      "2500", "--pairs=15", "--threads", "1", "--json", "p.json", "-q"});
  ASSERT_TRUE(args);
  EXPECT_EQ(args->config, "c.yaml");
  EXPECT_EQ(args->overrides, (std::vector<std::string>{"sim.fidelity=rtl"}));
  EXPECT_EQ(args->images, 100);
  EXPECT_EQ(args->golden_images, 2500);
  EXPECT_EQ(args->pairs, 15);
  EXPECT_EQ(args->threads, 1);
  EXPECT_EQ(args->json, "p.json");
  EXPECT_TRUE(args->quiet);
  const auto defaults = ParseBenchArgs({"c.yaml"});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->pairs, 9);
  EXPECT_EQ(defaults->golden_images, 0);
  EXPECT_FALSE(defaults->images);
  EXPECT_FALSE(ParseBenchArgs({"--help"}));
}

TEST(BenchArgs, BadCommandLinesSayWhatIsWrong) {
  const auto message = [](const std::vector<std::string>& words) {
    return UsageMessage(words, &ParseBenchArgs);
  };
  EXPECT_EQ(message({}), "bench: missing CONFIG (see qscale bench --help)");
  EXPECT_EQ(message({"a.yaml", "--pairs", "0"}),
            "bench: --pairs 0: expected a whole number from 1 to 1000");
  EXPECT_EQ(message({"a.yaml", "--golden-images", "-3"}),
            "bench: --golden-images -3: expected a whole number from 1 to 10000000");
  EXPECT_EQ(message({"a.yaml", "--trace", "t.vcd"}),
            "bench: unknown option --trace (see qscale bench --help)");
}

TEST(InspectArgs, TakesOneModelAndAnOptionalJsonPath) {
  const auto args = ParseInspectArgs({"m.onnx", "--json", "t.json"});
  ASSERT_TRUE(args);
  EXPECT_EQ(args->model, "m.onnx");
  EXPECT_EQ(args->json, "t.json");
  EXPECT_THROW(ParseInspectArgs({}), UsageError);
}

}  // namespace
}  // namespace qscale::cli
