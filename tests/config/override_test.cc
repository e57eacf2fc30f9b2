// `--set key.path=value` overrides: values and types change, maps merge, and a bad override is
// reported as the override, not as a line of the file.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/config/config_node.h"
#include "src/config/override.h"
#include "src/config/run_config.h"
#include "tests/config/error_of.h"

namespace qscale::config {
namespace {

constexpr char kBase[] =
    "network: models/a.onnx\n"
    "quant:\n"
    "  scheme: qsq\n"
    "  qsq: {levels: 7, param_bits: 6}\n"
    "accelerator:\n"
    "  rows: 16\n"
    "  dram: {bytes_per_cycle: 16}\n";

RunConfig WithSets(const std::vector<std::string>& overrides) {
  return ParseRunConfigString(kBase, "configs/a.yaml", overrides);
}

std::string ErrorWithSets(const std::vector<std::string>& overrides) {
  return ErrorOf([&] { WithSets(overrides); });
}

TEST(ConfigOverride, SetChangesValuesOfEveryType) {
  const RunConfig config =
      WithSets({"accelerator.rows=32", "quant.scheme=float", "accelerator.dram.bytes_per_cycle=2.5",
                "quant.qsq.mean=true", "network=models/b.onnx"});
  EXPECT_EQ(config.accelerator.rows, 32);
  EXPECT_EQ(config.quant.scheme, QuantScheme::kFloat);
  EXPECT_EQ(config.accelerator.dram.bytes_per_cycle, 2.5);
  EXPECT_TRUE(config.quant.qsq.mean);
  EXPECT_EQ(config.network, "models/b.onnx");
  EXPECT_EQ(config.locations.at("accelerator.rows"), "--set accelerator.rows=32");
  EXPECT_EQ(config.locations.at("quant.qsq.param_bits"), "configs/a.yaml:4")
      << "untouched keys keep their file lines";
}

TEST(ConfigOverride, MapValueMergesIntoTheSectionKeepingOtherKeys) {
  const RunConfig config = WithSets({"quant.qsq={levels: 5, mean: true}"});
  EXPECT_EQ(config.quant.qsq.levels, 5);
  EXPECT_TRUE(config.quant.qsq.mean);
  EXPECT_EQ(config.quant.qsq.param_bits, 6);
  EXPECT_EQ(config.locations.at("quant.qsq.param_bits"), "configs/a.yaml:4");
  EXPECT_EQ(config.locations.at("quant.qsq.levels"), "--set quant.qsq={levels: 5, mean: true}");
}

TEST(ConfigOverride, SetCreatesSectionsTheFileLeftOut) {
  const RunConfig config = WithSets({"calibration.seed=7", "sim.fidelity=rtl"});
  EXPECT_EQ(config.calibration.seed, 7u);
  EXPECT_EQ(config.calibration.images, 512);
  EXPECT_EQ(config.sim.fidelity, Fidelity::kRtl);
  EXPECT_EQ(ParseRunConfigString("", "empty.yaml", {"accelerator.cols=8"}).accelerator.cols, 8);
}

TEST(ConfigOverride, LaterSetWins) {
  EXPECT_EQ(WithSets({"accelerator.rows=32", "accelerator.rows=8"}).accelerator.rows, 8);
  EXPECT_EQ(WithSets({"quant.qsq.levels=3", "quant.qsq={levels: 5}"}).quant.qsq.levels, 5);
}

TEST(ConfigOverride, UnknownKeyIsReportedAsTheOverrideWithASuggestion) {
  EXPECT_EQ(ErrorWithSets({"accelerator.rowz=32"}),
            "--set accelerator.rowz=32: unknown key (did you mean accelerator.rows?)");
  EXPECT_EQ(ErrorWithSets({"quant.qsq={levelz: 5}"}),
            "--set quant.qsq={levelz: 5}: quant.qsq.levelz: unknown key (did you mean "
            "quant.qsq.levels?)");
  EXPECT_EQ(ErrorWithSets({"simm.batch=3"}),
            "--set simm.batch=3: simm: unknown key (did you mean sim?)");
}

TEST(ConfigOverride, BadValueIsReportedAsTheOverride) {
  EXPECT_EQ(ErrorWithSets({"accelerator.rows=sixteen"}),
            "--set accelerator.rows=sixteen: expected an integer (got \"sixteen\")");
  EXPECT_EQ(ErrorWithSets({"accelerator.dram.bytes_per_cycle=-4"}),
            "--set accelerator.dram.bytes_per_cycle=-4: must be > 0 (got -4)");
  EXPECT_EQ(ErrorWithSets({"quant.qsq={levels: 4}"}),
            "--set quant.qsq={levels: 4}: quant.qsq.levels must be one of 3, 5, 7 (got 4)");
  EXPECT_EQ(ErrorWithSets({"accelerator.dram=16"}),
            "--set accelerator.dram=16: expected a map of keys (got \"16\")");
}

TEST(ConfigOverride, FileErrorsStillNameTheFileLineWhenOtherKeysAreSet) {
  EXPECT_EQ(ErrorOf([] {
              ParseRunConfigString("accelerator:\n  rows: 0\n", "configs/a.yaml",
                                   {"accelerator.cols=8"});
            }),
            "configs/a.yaml:2: accelerator.rows must be >= 1 (got 0)");
}

TEST(ConfigOverride, SetWithoutEqualsOrWithABadKeyIsRejected) {
  EXPECT_EQ(ErrorWithSets({"accelerator.rows"}),
            "--set accelerator.rows: expected key.path=value (e.g. --set accelerator.rows=32)");
  EXPECT_EQ(ErrorWithSets({"accelerator..rows=3"}),
            "--set accelerator..rows=3: \"accelerator..rows\" is not a key path (names of "
            "letters, digits and '_' joined by '.', e.g. accelerator.dram.latency_cycles)");
  EXPECT_EQ(ErrorOf([] { LoadRunConfig("configs/no_such_config.yaml", {"=3"}); }),
            "--set =3: \"\" is not a key path (names of letters, digits and '_' joined by '.', "
            "e.g. accelerator.dram.latency_cycles)")
      << "a malformed override is reported before the config file is read";
}

TEST(ConfigOverride, SetThroughAValueIsRejected) {
  EXPECT_EQ(ErrorWithSets({"accelerator.rows.x=1"}),
            "--set accelerator.rows.x=1: accelerator.rows holds a value, not a map of keys (set "
            "it with --set accelerator.rows=VALUE)");
}

TEST(ConfigOverride, MalformedValueIsReportedWithQuotingAdvice) {
  const std::string message = ErrorWithSets({"quant.qsq={levels: 5"});
  EXPECT_EQ(message.rfind("--set quant.qsq={levels: 5: the value is not valid YAML: ", 0), 0u)
      << message;
  EXPECT_NE(message.find("--set 'quant.qsq={levels: 5}'"), std::string::npos) << message;
}

TEST(ConfigOverride, ParseOverrideSplitsAtTheFirstEquals) {
  const Override override = ParseOverride(" energy.tech = configs/tech/a=b.yaml ");
  EXPECT_EQ(override.key, "energy.tech");
  EXPECT_EQ(override.value, "configs/tech/a=b.yaml");
  EXPECT_EQ(override.origin, "--set  energy.tech = configs/tech/a=b.yaml ");
}

TEST(ConfigOverride, InlineConfigTakesOverridesRelativeToItself) {
  const ConfigNode sweep = ParseConfigText(
      "base:\n"
      "  network: models/a.onnx\n"
      "  accelerator: {rows: 16, cols: 16}\n"
      "axes:\n"
      "  accelerator.rows: [8, 32]\n",
      "configs/sweeps/s.yaml");
  const ConfigNode base = sweep.Child("base");
  const ConfigNode axis = sweep.Child("axes").Child("accelerator.rows");
  ASSERT_EQ(axis.size(), 2u);
  EXPECT_EQ(axis.Element(1).Location(), "configs/sweeps/s.yaml:5");

  const RunConfig point = ParseRunConfig(base.WithOverrides(
      {Override{"accelerator.rows", axis.Element(1).ToYaml(), "configs/sweeps/s.yaml:5"}}));
  EXPECT_EQ(point.accelerator.rows, 32);
  EXPECT_EQ(point.accelerator.cols, 16);
  EXPECT_EQ(point.source, "configs/sweeps/s.yaml");
  EXPECT_EQ(point.locations.at("accelerator.cols"), "configs/sweeps/s.yaml:3");
  EXPECT_EQ(ErrorOf([&] {
              ParseRunConfig(base.WithOverrides({Override{"accelerator.rowz", "1", "axis 2"}}));
            }),
            "axis 2: unknown key (did you mean base.accelerator.rows?)");
}

TEST(ConfigOverride, NodeToYamlGivesAFlowValueUsableAsAnOverride) {
  const ConfigNode root = ParseConfigText(kBase, "configs/a.yaml");
  const std::string qsq = root.Child("quant").Child("qsq").ToYaml();
  EXPECT_EQ(qsq, "{levels: 7, param_bits: 6}");
  EXPECT_EQ(ParseRunConfigString("", "x", {"quant.qsq=" + qsq}).quant.qsq.param_bits, 6);
}

}  // namespace
}  // namespace qscale::config
