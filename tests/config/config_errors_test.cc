// Every class of bad config input fails with one message naming the file, the 1-based YAML line,
// the key path and what is wrong.
#include <string>

#include <gtest/gtest.h>

#include "src/config/run_config.h"
#include "tests/config/error_of.h"

namespace qscale::config {
namespace {

std::string ErrorParsing(const std::string& yaml) {
  return ErrorOf([&] { ParseRunConfigString(yaml, "configs/a.yaml"); });
}

TEST(Config, UnknownKeyNamesLineAndSuggestsClosestKey) {
  EXPECT_EQ(ErrorParsing("network: models/a.onnx\n"
                         "accelerator:\n"
                         "  rows: 16\n"
                         "  rowz: 32\n"),
            "configs/a.yaml:4: accelerator.rowz: unknown key (did you mean accelerator.rows?)");
}

TEST(Config, UnknownKeyFarFromEveryKnownKeyListsTheKnownKeys) {
  EXPECT_EQ(
      ErrorParsing("sim:\n  threads: 3\n"),
      "configs/a.yaml:2: sim.threads: unknown key (known keys of sim: fidelity, batch, seed)");
}

TEST(Config, UnknownTopLevelKeySuggestsTopLevelKey) {
  EXPECT_EQ(ErrorParsing("\n\nnetwrok: models/a.onnx\n"),
            "configs/a.yaml:3: netwrok: unknown key (did you mean network?)");
}

TEST(Config, UnknownKeyDeepInsideNestedMapsNamesItsFullPath) {
  EXPECT_EQ(ErrorParsing("quant:\n  qsq:\n    levels: 5\n    param_bit: 6\n"),
            "configs/a.yaml:4: quant.qsq.param_bit: unknown key (did you mean "
            "quant.qsq.param_bits?)");
}

TEST(Config, DottedKeyIsExplainedAsNotNesting) {
  EXPECT_EQ(ErrorParsing("accelerator.rows: 16\n"),
            "configs/a.yaml:1: accelerator.rows: unknown key (write nested maps, e.g. "
            "\"accelerator: {rows: 16}\", not dotted keys)");
}

TEST(Config, WrongTypeNamesLineAndQuotesTheValue) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  cols: 16\n  rows: sixteen\n"),
            "configs/a.yaml:3: accelerator.rows: expected an integer (got \"sixteen\")");
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 16.0\n"),
            "configs/a.yaml:2: accelerator.rows: expected an integer (got \"16.0\")");
  EXPECT_EQ(ErrorParsing("accelerator:\n  clock_mhz: fast\n"),
            "configs/a.yaml:2: accelerator.clock_mhz: expected a number (got \"fast\")");
  EXPECT_EQ(ErrorParsing("quant:\n  qsq:\n    mean: maybe\n"),
            "configs/a.yaml:3: quant.qsq.mean: expected true or false (got \"maybe\")");
}

TEST(Config, MapOrListOrNothingWhereAValueBelongsIsAWrongType) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: {a: 1}\n"),
            "configs/a.yaml:2: accelerator.rows: expected an integer (got a map)");
  EXPECT_EQ(ErrorParsing("network: [a.onnx, b.onnx]\n"),
            "configs/a.yaml:1: network: expected a string (got a list)");
  EXPECT_EQ(ErrorParsing("sim:\n  batch:\n  seed: 3\n"),
            "configs/a.yaml:2: sim.batch: expected an integer (got no value)");
}

TEST(Config, ValueWhereASectionBelongsIsAWrongType) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  sram: 64\n"),
            "configs/a.yaml:2: accelerator.sram: expected a map of keys (got \"64\")");
  EXPECT_EQ(ErrorParsing("- 1\n- 2\n"), "configs/a.yaml:1: expected a map of keys (got a list)");
}

TEST(Config, OutOfRangeValueStatesTheBoundAndTheValue) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  dram:\n    bytes_per_cycle: -4\n"),
            "configs/a.yaml:3: accelerator.dram.bytes_per_cycle must be > 0 (got -4)");
  EXPECT_EQ(ErrorParsing("accelerator:\n  dram: {bytes_per_cycle: 0}\n"),
            "configs/a.yaml:2: accelerator.dram.bytes_per_cycle must be > 0 (got 0)");
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 2000\n"),
            "configs/a.yaml:2: accelerator.rows must be <= 1024 (the longest array side qscale "
            "models; got 2000)");
  EXPECT_EQ(ErrorParsing("dataset:\n  images: 0\n"),
            "configs/a.yaml:2: dataset.images must be >= 1 (got 0)");
  EXPECT_EQ(ErrorParsing("accelerator:\n  sram: {weight_kib: 2000000}\n"),
            "configs/a.yaml:2: accelerator.sram.weight_kib must be <= 65536 (64 MiB, the largest "
            "on-chip buffer qscale models; got 2000000)");
  EXPECT_EQ(ErrorParsing("quant:\n  msq: {sp2_ratio: 1.5}\n"),
            "configs/a.yaml:2: quant.msq.sp2_ratio must be <= 1 (got 1.5)");
  EXPECT_EQ(ErrorParsing("sim:\n  seed: -1\n"), "configs/a.yaml:2: sim.seed must be >= 0 (got -1)");
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 99999999999999999999\n"),
            "configs/a.yaml:2: accelerator.rows: expected an integer (got "
            "\"99999999999999999999\")");
}

TEST(Config, UnknownChoiceListsTheChoices) {
  EXPECT_EQ(ErrorParsing("quant:\n  activation_bits: 8\n  scheme: qsx\n"),
            "configs/a.yaml:3: quant.scheme: expected one of float, int8, fixed, qsq, nuuq, msq "
            "(got \"qsx\")");
  EXPECT_EQ(ErrorParsing("sim: {fidelity: exact}\n"),
            "configs/a.yaml:1: sim.fidelity: expected one of golden, fast, rtl (got \"exact\")");
  EXPECT_EQ(ErrorParsing("quant:\n  qsq: {levels: 4}\n"),
            "configs/a.yaml:2: quant.qsq.levels must be one of 3, 5, 7 (got 4)");
  EXPECT_EQ(ErrorParsing("quant:\n  msq:\n    bits: 6\n"),
            "configs/a.yaml:3: quant.msq.bits must be one of 4, 8 (got 6)");
}

TEST(Config, QsqVectorIsFilterOrAPositiveLength) {
  EXPECT_EQ(ParseRunConfigString("quant: {qsq: {vector: 32}}", "a").quant.qsq.vector_length, 32);
  EXPECT_EQ(ParseRunConfigString("quant: {qsq: {vector: filter}}", "a").quant.qsq.vector_length,
            kQsqVectorPerFilter);
  EXPECT_EQ(ErrorParsing("quant:\n  qsq:\n    vector: 0\n"),
            "configs/a.yaml:3: quant.qsq.vector: expected \"filter\" or a group length "
            "1..1048576 (got \"0\")");
  EXPECT_EQ(ErrorParsing("quant:\n  qsq:\n    vector: channel\n"),
            "configs/a.yaml:3: quant.qsq.vector: expected \"filter\" or a group length "
            "1..1048576 (got \"channel\")");
}

TEST(Config, NuuqLevelsMustFitTheGrid) {
  EXPECT_EQ(ErrorParsing("quant:\n  nuuq:\n    levels: 20\n    grid_bits: 4\n"),
            "configs/a.yaml:3: quant.nuuq.levels must be <= 2^grid_bits = 16 (got 20; raise "
            "grid_bits or lower levels)");
  EXPECT_EQ(
      ParseRunConfigString("quant: {nuuq: {levels: 16, grid_bits: 4}}", "a").quant.nuuq.levels, 16);
}

TEST(Config, NetworkMustBeAnOnnxModelOrATopologyCsv) {
  EXPECT_EQ(ErrorParsing("network: models/net.pt\n"),
            "configs/a.yaml:1: network: expected an ONNX model (.onnx) or a SCALE-Sim topology "
            "(.csv) (got \"models/net.pt\")");
  EXPECT_EQ(ParseRunConfigString("network: topologies/Resnet18.CSV", "a").network,
            "topologies/Resnet18.CSV");
  EXPECT_EQ(ErrorParsing("network: \"\"\n"), "configs/a.yaml:1: network must not be empty");
}

TEST(Config, DuplicateKeyNamesBothPlaces) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 16\n  cols: 8\n  rows: 32\n"),
            "configs/a.yaml:4: accelerator.rows: duplicate key (also set at configs/a.yaml:2; "
            "keep one)");
}

TEST(Config, MalformedYamlReportsTheParsersLineOneBased) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: [16\n  cols: 16\n"),
            "configs/a.yaml:3: malformed YAML: end of sequence flow not found (check the "
            "indentation, quotes and brackets near here)");
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 16\n cols: 16\n"),
            "configs/a.yaml:3: malformed YAML: end of map not found (check the indentation, "
            "quotes and brackets near here)");
}

TEST(Config, TabIndentationIsNamedAsTheCause) {
  EXPECT_EQ(ErrorParsing("sim:\n\tbatch: 2\n"),
            "configs/a.yaml:2: malformed YAML: illegal map value (indent with spaces; YAML does "
            "not allow tabs)");
}

TEST(Config, SecondYamlDocumentIsRejected) {
  EXPECT_EQ(ErrorParsing("sim: {batch: 1}\n---\nsim: {batch: 2}\n"),
            "configs/a.yaml:3: a config file holds one YAML document; remove the second '---' "
            "and what follows");
}

TEST(Config, MissingConfigFileIsNamed) {
  const std::string message = ErrorOf([] { LoadRunConfig("configs/no_such_config.yaml"); });
  EXPECT_EQ(message.rfind("configs/no_such_config.yaml: cannot open config file (no such file; "
                          "relative paths are resolved against the current directory, ",
                          0),
            0u)
      << message;
  EXPECT_EQ(ErrorOf([] { LoadRunConfig("configs"); }),
            "configs: cannot open config file (it is a directory)");
}

TEST(Config, EmptyFileAndEmptySectionsMeanDefaults) {
  EXPECT_EQ(ParseRunConfigString("", "a").accelerator.rows, 16);
  EXPECT_EQ(ParseRunConfigString("# only a comment\n", "a").sim.batch, 64);
  const RunConfig config = ParseRunConfigString("calibration:\naccelerator:\n  sram:\n", "a");
  EXPECT_EQ(config.calibration.images, 512);
  EXPECT_EQ(config.accelerator.sram.weight_kib, 64);
}

}  // namespace
}  // namespace qscale::config
