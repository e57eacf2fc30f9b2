// Report writers: the JSON report's fields, atomic writes, and text tables.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "src/report/atomic_file.h"
#include "src/report/fnv1a.h"
#include "src/report/run_report.h"
#include "src/report/text_table.h"

namespace qscale::report {
namespace {

// The published FNV-1a 64 test vectors (the offset basis, "a", "foobar"), and piecewise hashing.
static_assert(Fnv1a("") == 0xcbf29ce484222325ull);
static_assert(Fnv1a("a") == 0xaf63dc4c8601ec8cull);
static_assert(Fnv1a("foobar") == 0x85944171f73967e8ull);
static_assert(Fnv1a("bar", Fnv1a("foo")) == Fnv1a("foobar"));

RunReport SmallReport() {
  RunReport r;
  r.config_file = "configs/default.yaml";
  r.network = "models/lenet5_fmnist.onnx";
  r.scheme = "float";
  r.fidelity = "golden";
  r.config = {{"accelerator.rows", "16"}, {"quant.scheme", "float"}};
  r.images = 100;
  r.top1 = 0.91;
  r.float_top1 = 0.91;
  r.weight_bits = 3200;
  r.float_bits = 3200;
  r.layers.push_back({"conv1", "Conv", "1x28x28", "6x28x28", 117600, 156, 4992, {}});
  r.host_seconds = 0.5;
  r.simulated_macs_per_s = 2.352e7;
  return r;
}

TEST(RunReport, JsonCarriesTheSchemaAndDesignFields) {
  const nlohmann::json json = nlohmann::json::parse(ToJson(SmallReport()));
  EXPECT_EQ(json["schema"], "qscale.report/1");
  EXPECT_DOUBLE_EQ(json["accuracy"]["top1"].get<double>(), 0.91);
  EXPECT_DOUBLE_EQ(json["accuracy"]["float_top1"].get<double>(), 0.91);
  EXPECT_EQ(json["accuracy"]["images"], 100);
  EXPECT_EQ(json["memory"]["weight_bits"], 3200);
  EXPECT_EQ(json["memory"]["float_bits"], 3200);
  ASSERT_EQ(json["layers"].size(), 1u);
  EXPECT_EQ(json["layers"][0]["name"], "conv1");
  EXPECT_EQ(json["layers"][0]["macs"], 117600);
  EXPECT_DOUBLE_EQ(json["host"]["seconds"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(json["host"]["simulated_macs_per_s"].get<double>(), 2.352e7);
  EXPECT_EQ(json["config"]["accelerator.rows"], "16");
}

TEST(RunReport, LogitsDigestIsNullWithoutAnAcceleratorRunAndItsHexOtherwise) {
  RunReport r = SmallReport();
  EXPECT_TRUE(nlohmann::json::parse(ToJson(r))["accuracy"]["logits_digest"].is_null());
  r.logits_digest = "67f6099c8cf14314";
  EXPECT_EQ(nlohmann::json::parse(ToJson(r))["accuracy"]["logits_digest"], "67f6099c8cf14314");
}

TEST(RunReport, SummaryStatesAccuracyInPercentAndTotals) {
  const std::string text = FormatSummary(SmallReport());
  EXPECT_NE(text.find("top-1 91.00% on 100 images"), std::string::npos) << text;
  EXPECT_NE(text.find("117,600"), std::string::npos) << text;
}

TEST(PerSecond, DividesByThePositiveIntervalAndIsZeroForAnIntervalTheClockDidNotSee) {
  EXPECT_DOUBLE_EQ(report::PerSecond(416520.0 * 2500, 0.25), 4165200000.0);
  EXPECT_EQ(report::PerSecond(1e9, 0.0), 0.0);
  EXPECT_EQ(report::PerSecond(1e9, -1e-9), 0.0);
}

TEST(AtomicFile, WritesWholeContentAndLeavesNoTemporaryFile) {
  const auto dir = std::filesystem::temp_directory_path() / "qscale_atomic_test" / "sub";
  std::filesystem::remove_all(dir.parent_path());
  const std::string path = (dir / "r.json").string();
  WriteFileAtomically(path, "first\n");
  WriteFileAtomically(path, "second\n");
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "second\n");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(dir.parent_path());
}

TEST(AtomicFile, UnwritableDirectoryIsAnErrorNamingThePath) {
  try {
    WriteFileAtomically("/proc/qscale/r.json", "x");
    FAIL() << "no error";
  } catch (const ReportError& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/qscale/r.json: cannot write result"),
              std::string::npos)
        << e.what();
  }
}

TEST(AtomicFile, DirectoryAsTargetIsAnErrorThatSuggestsAFileName) {
  const auto dir = std::filesystem::temp_directory_path() / "qscale_atomic_dir_test";
  std::filesystem::create_directories(dir);
  try {
    WriteFileAtomically(dir.string(), "x");
    ADD_FAILURE() << "no error";
  } catch (const ReportError& e) {
    EXPECT_EQ(std::string(e.what()), dir.string() +
                                         ": cannot write result: it is a directory; "
                                         "name a file to write, e.g. " +
                                         (dir / "report.json").string());
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

TEST(TextTable, ColumnsAlignAndNumbersFlushRight) {
  TextTable table({"name", "n"}, {"n"});
  table.AddRow({"a", "1"});
  table.AddRow({"long", "1,000"});
  EXPECT_EQ(table.Render(), "name      n\n-----------\na         1\nlong  1,000\n");
}

TEST(TextTable, GroupThousandsHandlesSignAndShortNumbers) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(-1234567), "-1,234,567");
}

}  // namespace
}  // namespace qscale::report
