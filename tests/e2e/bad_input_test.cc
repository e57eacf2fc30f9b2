// Bad configurations and overrides through the qscale binary: each fails with exit code 1 and
// one message on stderr that names the file and the place, and writes no report (RunFailing).
// docs/errors.md lists every class with its message; bad_files_test.cc has the model and data
// files.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

TEST(BadInput, UnknownKeyNamesTheLineAndSuggestsTheKey) {
  const std::string config = WriteFile(ScratchDir() + "/bad.yaml",
                                       "network: models/lenet5_fmnist.onnx\n"
                                       "accelerator:\n"
                                       "  rows: 16\n"
                                       "  rowz: 8\n");
  const CommandResult run = RunFailing(config);
  EXPECT_NE(run.err.find(config + ":4: accelerator.rowz: unknown key (did you mean "
                                  "accelerator.rows?)"),
            std::string::npos)
      << run.err;
}

TEST(BadInput, WrongTypeNamesTheLineAndTheExpectedType) {
  const std::string config = WriteFile(ScratchDir() + "/bad.yaml",
                                       "quant:\n"
                                       "  scheme: float\n"
                                       "accelerator:\n"
                                       "  rows: sixteen\n");
  const CommandResult run = RunFailing(config);
  EXPECT_NE(run.err.find(config + ":4: accelerator.rows: expected an integer"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("sixteen"), std::string::npos) << run.err;
}

TEST(BadInput, OutOfRangeValueNamesTheLineTheBoundAndTheValue) {
  const std::string config = WriteFile(ScratchDir() + "/bad.yaml",
                                       "accelerator:\n"
                                       "  dram:\n"
                                       "    bytes_per_cycle: -4\n");
  const CommandResult run = RunFailing(config);
  EXPECT_NE(run.err.find(config + ":3: accelerator.dram.bytes_per_cycle must be > 0 (got -4)"),
            std::string::npos)
      << run.err;
}

TEST(BadInput, OutOfRangeOverrideNamesTheOverride) {
  const CommandResult run = RunFailing("configs/default.yaml", "--set accelerator.rows=0");
  EXPECT_NE(run.err.find("--set accelerator.rows=0"), std::string::npos) << run.err;
}

TEST(BadInput, MissingModelFileNamesTheConfigLineAndThePath) {
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set network=models/no_such_model.onnx");
  EXPECT_NE(run.err.find("network: file \"models/no_such_model.onnx\" not found"),
            std::string::npos)
      << run.err;
}

TEST(BadInput, UnsupportedOnnxOpNamesTheNode) {
  const CommandResult run = RunFailing("configs/default.yaml",
                                       "--set quant.scheme=float --set "
                                       "network=tests/data/onnx/unsupported.onnx");
  EXPECT_NE(run.err.find("tests/data/onnx/unsupported.onnx"), std::string::npos) << run.err;
  // Every unsupported node is named at once, with its op type.
  for (const char* node : {"\"bar\" (Conv)", "\"dilated\" (Conv)", "\"ceil_pool\" (MaxPool)",
                           "\"unsq\" (Unsqueeze)", "\"foo\" (LSTM)"}) {
    EXPECT_NE(run.err.find(node), std::string::npos) << node << "\n" << run.err;
  }
}

TEST(BadInput, TruncatedIdxFileNamesTheFileAndOffset) {
  // The plain label file, cut after 1,000 of its 10,000 labels.
  const std::string truncated = ScratchDir() + "/labels-idx1-ubyte";
  {
    std::ofstream out(truncated, std::ios::binary);
    const unsigned char header[8] = {0, 0, 8, 1, 0, 0, 0x27, 0x10};
    out.write(reinterpret_cast<const char*>(header), 8);
    out.write(std::string(1000, '\1').data(), 1000);
  }
  const CommandResult run = RunFailing(
      "configs/default.yaml", "--set quant.scheme=float --set dataset.test_labels=" + truncated);
  EXPECT_EQ(run.err, "qscale: " + truncated +
                         ": truncated at byte offset 1008: the header promises 10000 bytes of "
                         "label data (10008 bytes in all); re-download or reinstall the file\n");
}

TEST(BadInput, MalformedYamlNamesTheLine) {
  const std::string config =
      WriteFile(ScratchDir() + "/bad.yaml", "quant:\n  scheme: [float\naccelerator: {}\n");
  const CommandResult run = RunFailing(config);
  EXPECT_EQ(run.err, "qscale: " + config +
                         ":3: malformed YAML: end of sequence flow not found (check the "
                         "indentation, quotes and brackets near here)\n");
}

TEST(BadInput, StrayCommaIsMalformedYamlNotAHang) {
  const std::string config = WriteFile(ScratchDir() + "/bad.yaml", ",\nquant: {scheme: float}\n");
  const CommandResult run = RunFailing(config);
  EXPECT_EQ(run.err, "qscale: " + config +
                         ":1: malformed YAML: unexpected ',' at column 1 (check the indentation, "
                         "quotes and brackets near here)\n");
}

TEST(BadInput, DuplicateKeyNamesBothLines) {
  const std::string config =
      WriteFile(ScratchDir() + "/bad.yaml", "sim:\n  batch: 8\n  seed: 2\n  batch: 16\n");
  const CommandResult run = RunFailing(config);
  EXPECT_EQ(run.err, "qscale: " + config + ":4: sim.batch: duplicate key (also set at " + config +
                         ":2; keep one)\n");
}

TEST(BadInput, TerabyteSramIsRejectedWithTheLimitAndWhy) {
  const std::string config =
      WriteFile(ScratchDir() + "/bad.yaml", "accelerator:\n  sram: {weight_kib: 1073741824}\n");
  const CommandResult run = RunFailing(config);
  EXPECT_EQ(run.err, "qscale: " + config +
                         ":2: accelerator.sram.weight_kib must be <= 65536 (64 MiB, the largest "
                         "on-chip buffer qscale models; got 1073741824)\n");
}

TEST(BadInput, ArrayTooLargeToModelNamesThePeCountAndTheLimit) {
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set accelerator.rows=1024 --set accelerator.cols=512");
  EXPECT_EQ(run.err,
            "qscale: --set accelerator.cols=512: a 1024 x 512 array has 524288 PEs, more than the "
            "65536 qscale models (a TPU-v1-sized 256 x 256 array; every PE is simulated); lower "
            "accelerator.rows or accelerator.cols\n");
}

TEST(BadInput, Sp2RatioWithNoSp2ColumnNamesTheRatiosLine) {
  const std::string config = WriteFile(ScratchDir() + "/bad.yaml",
                                       "quant:\n"
                                       "  scheme: msq\n"
                                       "  msq: {bits: 4,\n"
                                       "        sp2_ratio: 0.05}\n"
                                       "accelerator: {cols: 8, multiplier: exact}\n");
  const CommandResult run = RunFailing(config);
  EXPECT_EQ(run.err, "qscale: " + config +
                         ":4: quant.msq.sp2_ratio must give at least one SP2 column: "
                         "round(quant.msq.sp2_ratio 0.05 x accelerator.cols 8) = 0 (set sp2_ratio "
                         "to 0 or to at least 0.0625, or add columns)\n");
}

TEST(BadInput, Sp2MultiplierWithAnotherSchemeNamesBothKeys) {
  const CommandResult run = RunFailing("configs/default.yaml", "--set accelerator.multiplier=sp2");
  EXPECT_EQ(run.err,
            "qscale: --set accelerator.multiplier=sp2: sp2 multiplies SP2 codes, which only "
            "quant.scheme msq produces (quant.scheme is qsq, configs/default.yaml:20); choose "
            "exact, csd or bitserial, or set quant.scheme to msq\n");
}

// A malformed --set is a malformed command line: exit code 2, like every usage error.
TEST(BadInput, OverrideWithoutEqualsSignShowsTheForm) {
  const CommandResult run = RunQscale("run configs/default.yaml --set accelerator.rows");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "qscale: run: --set accelerator.rows: expected key.path=value, e.g. --set "
            "accelerator.rows=32\n");
}

TEST(BadInput, UnknownOverrideKeySuggestsTheKey) {
  const CommandResult run = RunFailing("configs/default.yaml", "--set accelerator.rowz=32");
  EXPECT_EQ(run.err,
            "qscale: --set accelerator.rowz=32: unknown key (did you mean accelerator.rows?)\n");
}

TEST(BadInput, OverrideValueThatIsNotYamlAdvisesQuoting) {
  const CommandResult run = RunFailing("configs/default.yaml", "--set 'quant.qsq={levels: 5'");
  EXPECT_EQ(run.err.rfind("qscale: --set quant.qsq={levels: 5: the value is not valid YAML: ", 0),
            0u)
      << run.err;
}

TEST(BadInput, MissingConfigFileNamesThePathAndTheDirectory) {
  const CommandResult run = RunFailing("configs/no_such.yaml");
  EXPECT_EQ(run.err.rfind("qscale: configs/no_such.yaml: cannot open config file (no such file; "
                          "relative paths are resolved against the current directory, ",
                          0),
            0u)
      << run.err;
}

TEST(BadInput, DirectoryGivenAsTheConfigFile) {
  const CommandResult run = RunFailing("configs");
  EXPECT_EQ(run.err, "qscale: configs: cannot open config file (it is a directory)\n");
}

}  // namespace
}  // namespace qscale::e2e
