// Sweep specs: expansion order, zip groups, exclusions, stable ids, and errors with their line.
#include "src/sweep/sweep_spec.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "src/config/config_error.h"
#include "src/config/config_node.h"
#include "src/report/fnv1a.h"

namespace qscale::sweep {
namespace {

// Writes `text` to a file of this test named by `suffix` and returns its path.
std::string Write(const std::string& text, const std::string& suffix = "") {
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("qscale_sweep_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
        ::testing::UnitTest::GetInstance()->current_test_info()->name() + suffix + ".yaml"))
          .string();
  std::ofstream(path) << text;
  return path;
}

std::string ErrorOf(const std::string& text) {
  try {
    LoadSweep(Write(text));
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> Values(const Sweep& sweep, const std::string& key) {
  std::vector<std::string> out;
  for (const Point& p : sweep.points) {
    for (const auto& [k, v] : p.axes) {
      if (k == key) out.push_back(v);
    }
  }
  return out;
}

TEST(SweepSpec, AxesExpandAsACartesianProductFirstAxisOutermost) {
  const Sweep s = LoadSweep(Write("base: configs/default.yaml\n"
                                  "axes:\n"
                                  "  quant.scheme: [int8, qsq]\n"
                                  "  accelerator.rows: [8, 16, 32]\n"));
  ASSERT_EQ(s.points.size(), 6u);
  EXPECT_EQ(Values(s, "quant.scheme"),
            (std::vector<std::string>{"int8", "int8", "int8", "qsq", "qsq", "qsq"}));
  EXPECT_EQ(Values(s, "accelerator.rows"),
            (std::vector<std::string>{"8", "16", "32", "8", "16", "32"}));
  for (size_t i = 0; i < s.points.size(); ++i) EXPECT_EQ(s.points[i].index, static_cast<int>(i));
  EXPECT_EQ(s.axis_keys, (std::vector<std::string>{"quant.scheme", "accelerator.rows"}));
}

TEST(SweepSpec, ZipGroupsVaryTogetherAndExclusionsDropPartialPoints) {
  const Sweep s = LoadSweep(Write("base: configs/default.yaml\n"
                                  "axes: {accelerator.dataflow: [ws, os]}\n"
                                  "zip:\n"
                                  "  - accelerator.rows: [8, 16]\n"
                                  "    accelerator.cols: [4, 16]\n"
                                  "exclude:\n"
                                  "  - {accelerator.dataflow: os, accelerator.rows: 8}\n"
                                  "run: {images: 10, fidelity: golden}\n"));
  ASSERT_EQ(s.points.size(), 3u);
  EXPECT_EQ(Values(s, "accelerator.cols"), (std::vector<std::string>{"4", "16", "16"}));
  EXPECT_EQ(Values(s, "accelerator.dataflow"), (std::vector<std::string>{"ws", "ws", "os"}));
  // Run options come after the axes among a point's overrides.
  EXPECT_EQ(s.points[0].overrides.back().key, "sim.fidelity");
  EXPECT_EQ(s.points[0].overrides.back().value, "golden");
}

TEST(SweepSpec, PointIdsDependOnTheValuesNotOnTheAxisOrder) {
  const Sweep a = LoadSweep(Write("base: configs/default.yaml\n"
                                  "axes: {quant.scheme: [int8, qsq], accelerator.rows: [8, 16]}\n"));
  const Sweep b = LoadSweep(Write("base: configs/default.yaml\n"
                                  "axes: {accelerator.rows: [8, 16], quant.scheme: [int8, qsq]}\n"));
  std::set<std::string> ids_a, ids_b;
  for (const Point& p : a.points) ids_a.insert(p.id);
  for (const Point& p : b.points) ids_b.insert(p.id);
  EXPECT_EQ(ids_a.size(), 4u);
  EXPECT_EQ(ids_a, ids_b);
  EXPECT_EQ(PointId({{"a", "1"}, {"b", "2"}}), PointId({{"b", "2"}, {"a", "1"}}));
  EXPECT_NE(PointId({{"a", "1"}}), PointId({{"a", "2"}}));
  EXPECT_EQ(PointId({{"a", "1"}}).size(), 16u);
  // FNV-1a 64 (report/fnv1a.h) of the sorted "key=value" lines, as 16 hex digits.
  std::ostringstream hex;
  hex << std::hex << std::setw(16) << std::setfill('0') << report::Fnv1a("a=1\nb=2\n");
  EXPECT_EQ(PointId({{"b", "2"}, {"a", "1"}}), hex.str());
}

TEST(SweepSpec, TheFingerprintCoversRunOptionsAndTheBaseConfigText) {
  const std::string axes = "axes: {accelerator.rows: [8, 16]}\n";
  const std::string text = config::ReadConfigText("configs/default.yaml");
  const std::string base = Write(text, "_base");
  const std::string spec = "base: " + base + "\nrun: {images: 10}\n" + axes;
  const std::string fingerprint = LoadSweep(Write(spec)).fingerprint;
  EXPECT_EQ(fingerprint.size(), 16u);
  EXPECT_EQ(LoadSweep(Write(spec)).fingerprint, fingerprint);  // stable
  const Sweep more_images = LoadSweep(Write("base: " + base + "\nrun: {images: 20}\n" + axes));
  EXPECT_NE(more_images.fingerprint, fingerprint);
  // The same points (ids depend on the axis values only), other results: another fingerprint.
  EXPECT_EQ(more_images.points[1].id, LoadSweep(Write(spec)).points[1].id);
  EXPECT_NE(LoadSweep(Write("base: " + base + "\nrun: {images: 10, seed: 2}\n" + axes))
                .fingerprint,
            fingerprint);
  // The base file's contents count, not only its path.
  std::string edited = text;
  ASSERT_NE(edited.find("batch: 64"), std::string::npos);
  Write(edited.replace(edited.find("batch: 64"), 9, "batch: 32"), "_base");
  EXPECT_NE(LoadSweep(Write(spec)).fingerprint, fingerprint);
  // An inline base: its text.
  EXPECT_NE(LoadSweep(Write("base: {quant: {scheme: int8}}\n" + axes)).fingerprint,
            LoadSweep(Write("base: {quant: {scheme: qsq}}\n" + axes)).fingerprint);
}

TEST(SweepSpec, InlineBaseConfigsAreChecked) {
  const Sweep s = LoadSweep(Write("base:\n"
                                  "  quant: {scheme: int8}\n"
                                  "axes: {accelerator.rows: [8, 16]}\n"));
  EXPECT_EQ(s.base_path, "");
  EXPECT_NE(s.base_yaml.find("int8"), std::string::npos);
  EXPECT_NE(ErrorOf("base:\n  quant: {schem: int8}\naxes: {accelerator.rows: [8]}\n")
                .find(":2: base.quant.schem: unknown key (did you mean base.quant.scheme?)"),
            std::string::npos);
}

TEST(SweepSpec, BadSpecsNameTheLineAndTheFix) {
  EXPECT_NE(ErrorOf("base: configs/default.yaml\naxes:\n  accelerator.rows: [8, 0]\n")
                .find(":3: accelerator.rows=0: must be >= 1"),
            std::string::npos)
      << ErrorOf("base: configs/default.yaml\naxes:\n  accelerator.rows: [8, 0]\n");
  EXPECT_NE(ErrorOf("base: configs/default.yaml\naxes:\n  accelerator.rowz: [8]\n")
                .find(":3: accelerator.rowz=8: unknown key (did you mean accelerator.rows?)"),
            std::string::npos);
  EXPECT_NE(ErrorOf("base: configs/default.yaml\nzip:\n  - {accelerator.rows: [8, 16], "
                    "accelerator.cols: [8]}\n")
                .find("differ in length"),
            std::string::npos);
  EXPECT_NE(ErrorOf("base: configs/default.yaml\naxes: {accelerator.rows: 8}\n")
                .find("expected a non-empty list of values"),
            std::string::npos);
  EXPECT_NE(ErrorOf("base: configs/default.yaml\nrun: {imagez: 3}\n")
                .find("unknown run option imagez"),
            std::string::npos);
  EXPECT_NE(ErrorOf("axes: {accelerator.rows: [8]}\n").find("base: missing"), std::string::npos);
  EXPECT_NE(ErrorOf("base: configs/default.yaml\naxis: {accelerator.rows: [8]}\n")
                .find("unknown key axis"),
            std::string::npos);
}

TEST(SweepSpec, AMalformedKeyPathNamesTheSweepFileAndLine) {
  const std::string axis =
      ErrorOf("base: configs/default.yaml\naxes:\n  accelerator..rows: [8]\n");
  EXPECT_NE(axis.find("AMalformedKeyPathNamesTheSweepFileAndLine.yaml:3: axes.accelerator..rows: "
                      "\"accelerator..rows\" is not a key path (names of letters, digits and "
                      "'_' joined by '.', e.g. accelerator.dram.latency_cycles)"),
            std::string::npos)
      << axis;
  EXPECT_EQ(axis.find("--set"), std::string::npos) << axis;
  const std::string zipped = ErrorOf(
      "base: configs/default.yaml\nzip:\n  - accelerator.rows: [8]\n    accelerator cols: [8]\n");
  EXPECT_NE(zipped.find(".yaml:4: "), std::string::npos) << zipped;
  EXPECT_NE(zipped.find("\"accelerator cols\" is not a key path"), std::string::npos) << zipped;
}

TEST(SweepSpec, DuplicatePointsAndHugeExpansionsAreRefused) {
  const std::string twice =
      ErrorOf("base: configs/default.yaml\naxes:\n  accelerator.rows: [8, 16, 8]\n");
  EXPECT_NE(twice.find("the point (accelerator.rows=8) comes twice"), std::string::npos) << twice;
  // 7 axes of 10 values: 10^7 points, refused before any point is checked.
  std::string spec = "base: configs/default.yaml\naxes:\n";
  for (const char* key : {"accelerator.rows", "accelerator.cols", "accelerator.csd_quality",
                          "sim.batch", "sim.seed", "dataset.images", "calibration.images"}) {
    spec += std::string("  ") + key + ": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
  }
  EXPECT_NE(ErrorOf(spec).find("expands to more than 100000 points"), std::string::npos)
      << ErrorOf(spec);
}

}  // namespace
}  // namespace qscale::sweep
