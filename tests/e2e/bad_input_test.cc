// Bad inputs through the qscale binary: each fails with exit code 1 and one message on stderr
// that names the file and the place, and writes no report.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

std::string WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// Runs `qscale run <config> <extra> --json <scratch>/r.json` and checks the failure shape.
CommandResult RunFailing(const std::string& config, const std::string& extra = "") {
  const std::string json = ScratchDir() + "/r.json";
  CommandResult run = RunQscale("run " + config + " --quiet " + extra + " --json " + json);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("qscale: ", 0), 0u) << run.err;
  // One message: a single "qscale: " line, possibly followed by indented detail lines (the
  // unsupported-node list of an ONNX model names every node at once).
  size_t messages = 0;
  for (size_t at = run.err.find("qscale: "); at != std::string::npos;
       at = run.err.find("qscale: ", at + 1)) {
    ++messages;
  }
  EXPECT_EQ(messages, 1u) << run.err;
  EXPECT_EQ(run.err.back(), '\n') << run.err;
  EXPECT_FALSE(std::filesystem::exists(json));
  return run;
}

TEST(BadInput, UnknownKeyNamesTheLineAndSuggestsTheKey) {
  const std::string config = WriteText(ScratchDir() + "/bad.yaml",
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
  const std::string config = WriteText(ScratchDir() + "/bad.yaml",
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
  const std::string config = WriteText(ScratchDir() + "/bad.yaml",
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
  EXPECT_NE(run.err.find(truncated + ": truncated at byte offset 1008"), std::string::npos)
      << run.err;
}

TEST(BadInput, MalformedYamlNamesTheLine) {
  const std::string config =
      WriteText(ScratchDir() + "/bad.yaml", "quant:\n  scheme: [float\naccelerator: {}\n");
  const CommandResult run = RunFailing(config);
  EXPECT_NE(run.err.find(config + ":"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace qscale::e2e
